using Bot.Recommendations.Daily;
using Bot.Store;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>A restarted instance knows its own dead claims at once; another live instance still waits for the lease.</summary>
public sealed class DailyInstanceTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayEight = new(2024, 5, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Monday = new(2024, 5, 6);

    [Fact]
    public async Task RunOnce_RestartedAfterACrashMidPost_ResumesItsOwnClaimWithoutWaitingForTheLease()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        string before;
        using (var crashed = new DailyInstance(h.Store.Get<SqliteDatabase>(), h.Clock))
        {
            before = crashed.Name;
            Assert.True(h.Ledger.TryClaim("user:101", Monday, crashed.Name, MondayEight));
        }

        h.Clock.SetUtcNow(MondayEight.AddMinutes(1));
        using var restarted = new DailyInstance(h.Store.Get<SqliteDatabase>(), h.Clock);
        Assert.Equal(before, restarted.Name);
        Assert.Equal(1, await h.Scheduler(instance: restarted).RunOnceAsync(CancellationToken.None));

        Assert.Equal(MondayEight.AddMinutes(1), Assert.Single(h.Posts(channel)).ReceivedAt);
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", Monday)!.State);
    }

    [Fact]
    public async Task RunOnce_ClaimOfAnotherLiveInstance_WaitsForTheLease()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        using var live = new DailyInstance(h.Store.Get<SqliteDatabase>(), h.Clock);
        Assert.True(h.Ledger.TryClaim("user:101", Monday, live.Name, MondayEight));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(1));
        using var second = new DailyInstance(h.Store.Get<SqliteDatabase>(), h.Clock);
        Assert.NotEqual(live.Name, second.Name);
        Assert.False(second.OwnsEarlierClaims);
        var scheduler = h.Scheduler(instance: second);
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));

        Assert.Equal(MondayEight.AddMinutes(16), Assert.Single(h.Posts(channel)).ReceivedAt);
    }

    [Fact]
    public async Task RunOnce_OwnClaimMadeSinceThisStart_IsLeftToTheRunThatHoldsIt()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        using var instance = new DailyInstance(h.Store.Get<SqliteDatabase>(), h.Clock);
        // A send of this very process is under way (claimed after it started).
        h.Clock.SetUtcNow(MondayEight.AddMinutes(1));
        Assert.True(h.Ledger.TryClaim("user:101", Monday, instance.Name, h.Clock.GetUtcNow()));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(2));
        Assert.Equal(0, await h.Scheduler(instance: instance).RunOnceAsync(CancellationToken.None));

        Assert.Empty(h.Posts(channel));
        Assert.Equal(PostState.Claimed, h.Ledger.Find("user:101", Monday)!.State);
    }
}
