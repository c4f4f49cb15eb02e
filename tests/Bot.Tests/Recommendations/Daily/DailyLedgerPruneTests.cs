using Bot.Recommendations.Daily;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>The ledger stores each post with its papers: old days go, but never the ones still needed.</summary>
public sealed class DailyLedgerPruneTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Prune_OldFinishedDays_GoButTheNewestSentDayAndUnfinishedClaimsStay()
    {
        await using var h = await DailyHarness.StartAsync(Start);
        h.Subscribe("101", "08:00", "UTC");
        h.Subscribe("102", "08:00", "UTC");
        var day = new DateOnly(2024, 1, 2);
        // 101: sent, failed, quiet and sent days long ago, then one recent sent day.
        Close(h, "user:101", day, PostState.Sent);
        Close(h, "user:101", day.AddDays(1), PostState.Failed);
        Close(h, "user:101", day.AddDays(2), PostState.Empty);
        Close(h, "user:101", day.AddDays(100), PostState.Sent);
        // 102: only old days, the newest of them quiet; and an old claim nobody finished.
        Close(h, "user:102", day, PostState.Sent);
        Close(h, "user:102", day.AddDays(3), PostState.Empty);
        Assert.True(h.Ledger.TryClaim("user:102", day.AddDays(5), "crashed", Start));

        var pruned = h.Ledger.Prune(day.AddDays(10));

        Assert.Equal(4, pruned);
        Assert.Equal([day.AddDays(100)], h.Ledger.All("user:101").Select(e => e.LocalDate));
        Assert.Equal([day.AddDays(3), day.AddDays(5)], h.Ledger.All("user:102").Select(e => e.LocalDate));
        Assert.Equal(day.AddDays(3), h.Ledger.LastFinished("user:102")!.LocalDate);
    }

    [Fact]
    public async Task RunOnce_FirstPassOfADay_PrunesPostsOlderThanKeepPostsDays()
    {
        await using var h = await DailyHarness.StartAsync(Start);
        h.Digest("january", "model merging", dateLine: "Jan 1");
        var channel = h.Subscribe("101", "08:00", "UTC");
        var scheduler = h.Scheduler();
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);
        h.ScriptChannel(channel);

        // A hundred days later a new digest arrives and the next post goes out; January's post is past the 90 days kept.
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 10, 20, 0, 0, TimeSpan.Zero));
        h.Digest("april", "model merging", dateLine: "Apr 10");
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 11, 8, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);
        var afterApril = h.Ledger.All("user:101").Select(e => e.LocalDate).ToList();
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 12, 8, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);

        // The pass on 11 April pruned before posting: January's day was then still the newest sent one.
        Assert.Equal([new DateOnly(2024, 1, 2), new DateOnly(2024, 4, 11)], afterApril);
        Assert.Equal([new DateOnly(2024, 4, 11), new DateOnly(2024, 4, 12)], h.Ledger.All("user:101").Select(e => e.LocalDate));
    }

    private static void Close(DailyHarness h, string target, DateOnly day, PostState state)
    {
        Assert.True(h.Ledger.TryClaim(target, day, "old", Start));
        Assert.True(h.Ledger.Finish(target, day, "old", state, Start));
    }
}
