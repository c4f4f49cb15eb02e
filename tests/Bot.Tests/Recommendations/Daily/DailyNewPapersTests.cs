using Bot.Recommendations.Daily;

namespace Bot.Tests.Recommendations.Daily;

public sealed class DailyNewPapersTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnce_SevenNewPapersAndManyBetterOldOnes_FiveNewOnesAndNoOldOne()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        // Forty papers that match the interest word for word, all old by Tuesday; Monday's post shows five of them.
        h.Digest("sunday", "model merging", papers: 40);
        h.Subscribe("101", "08:00", "UTC", count: 5);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 6, 0, 0, TimeSpan.Zero));
        h.Digest("tuesday", "graph neural networks", papers: 7, dateLine: "May 7");

        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        var tuesday = h.Ledger.Find("user:101", new DateOnly(2024, 5, 7))!;
        Assert.Equal(PostState.Sent, tuesday.State);
        Assert.Equal(5, tuesday.Post!.Items.Count);
        Assert.All(tuesday.Post.Items, i => Assert.StartsWith("tuesday paper", i.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_DigestStampedBeforeThePostButCommittedAfter_IsNewForTheNextPost()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", papers: 3);
        h.Subscribe("101", "08:00", "UTC", count: 5);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);
        // An ingest that began (and stamped its time) a minute before Monday's post, and committed after it.
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 7, 59, 0, TimeSpan.Zero));
        h.Digest("late", "model merging", papers: 2, dateLine: "May 6");

        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        var monday = h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))!;
        var tuesday = h.Ledger.Find("user:101", new DateOnly(2024, 5, 7))!;
        Assert.All(monday.Post!.Items, i => Assert.StartsWith("sunday paper", i.Title, StringComparison.Ordinal));
        Assert.Equal(PostState.Sent, tuesday.State);
        Assert.Equal(["late paper 1: model merging at scale, variant 1", "late paper 2: model merging at scale, variant 2"],
            tuesday.Post!.Items.Select(i => i.Title).Order(StringComparer.Ordinal));
        Assert.True(tuesday.Post.DigestMark > monday.Post.DigestMark);
    }
}
