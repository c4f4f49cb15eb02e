using Bot.Recommendations.Daily;

namespace Bot.Tests.Recommendations.Daily;

public sealed class DailySchedulerTests
{
    // 2024-05-06 is summer time on both sides: Berlin is UTC+2, New York UTC-4.
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnce_TwoTimeZones_PostsEachSubscriberAtTheirLocalTime()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var berlin = h.Subscribe("101", "08:00", "Europe/Berlin");
        var newYork = h.Subscribe("102", "08:00", "America/New_York");
        var scheduler = h.Scheduler();

        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 5, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 6, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 11, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));

        var berlinPost = Assert.Single(h.Posts(berlin));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 6, 0, 0, TimeSpan.Zero), berlinPost.ReceivedAt);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero), Assert.Single(h.Posts(newYork)).ReceivedAt);
        var body = DailyHarness.Body(berlinPost);
        var content = body.GetProperty("content").GetString()!;
        Assert.StartsWith("<@101>, your daily papers for Monday 6 May 2024\n", content, StringComparison.Ordinal);
        Assert.Contains(DailyPost.ReferenceFor(DailyTargetKind.User, "101", new DateOnly(2024, 5, 6)), content, StringComparison.Ordinal);
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        var embeds = body.GetProperty("embeds");
        Assert.Equal(3, embeds.GetArrayLength());
        Assert.Contains("model merging", embeds[0].GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("**Why:**", embeds[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        // Each pick has its feedback buttons: 👍, 👎, not interested, save.
        var buttons = body.GetProperty("components")[0].GetProperty("components");
        Assert.Equal(4, buttons.GetArrayLength());
        Assert.StartsWith("rec:like:", buttons[0].GetProperty("custom_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_PostedPicks_AreMarkedSeenAndTheLedgerSaysSent()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        h.Subscribe("101", "08:00", "UTC", count: 2);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));

        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        var entry = Assert.Single(h.Ledger.All("user:101"));
        Assert.Equal(PostState.Sent, entry.State);
        Assert.Equal(2, entry.Post!.Items.Count);
        var profile = h.Store.Get<Bot.Recommendations.UserSignalStore>().Profile("101", null, 0);
        Assert.All(entry.Post.Items, i => Assert.Contains(i.PaperRowId, profile.Seen));
    }

    [Fact]
    public async Task RunOnce_ManyPollsInOneDay_PostsOnce()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        var scheduler = h.Scheduler();

        for (var minute = 0; minute < 24 * 60 - 8 * 60; minute += 30)
        {
            h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero).AddMinutes(minute));
            h.Digest($"extra{minute}", "model merging", papers: 1);
            await scheduler.RunOnceAsync(CancellationToken.None);
        }

        Assert.Single(h.Posts(channel));
    }

    [Fact]
    public async Task RunOnce_SubscribedAfterTodaysTime_FirstPostIsTomorrow()
    {
        await using var h = await DailyHarness.StartAsync(new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero));
        h.Digest("monday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");

        await h.Scheduler().RunOnceAsync(CancellationToken.None);
        Assert.Empty(h.Posts(channel));
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        Assert.Single(h.Posts(channel));
    }

    [Fact]
    public async Task RunOnce_ThreeDaysDown_OneCatchUpPost()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        // Down from Monday 08:01 until Thursday 10:00; digests kept arriving meanwhile.
        foreach (var day in new[] { 7, 8, 9 })
        {
            h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, day, 6, 0, 0, TimeSpan.Zero));
            h.Digest($"day{day}", "model merging");
        }
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 9, 10, 0, 0, TimeSpan.Zero));
        var restarted = h.Scheduler();
        Assert.Equal(1, await restarted.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await restarted.RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, h.Posts(channel).Length);
        Assert.Equal([new DateOnly(2024, 5, 6), new DateOnly(2024, 5, 9)], h.Ledger.All("user:101").Select(e => e.LocalDate));
    }

    [Fact]
    public async Task RunOnce_NoNewPapers_StaysSilentUnlessTheNoticeWasAskedFor()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var quiet = h.Subscribe("101", "08:00", "UTC");
        var notified = h.Subscribe("102", "08:00", "UTC", notifyEmpty: true);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        // Tuesday: no digest arrived since Monday's posts.
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(quiet));
        Assert.Equal(PostState.Empty, h.Ledger.Find("user:101", new DateOnly(2024, 5, 7))!.State);
        var notice = DailyHarness.Body(h.Posts(notified)[1]).GetProperty("embeds")[0];
        Assert.StartsWith("Nothing new for you today", notice.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_TimeMovedLaterAfterTodaysPost_DoesNotPostTheDayAgain()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        // 23:00 in Tokyo is 14:00 UTC: Monday's Tokyo time has passed, but Monday was already posted.
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 15, 0, 0, TimeSpan.Zero));
        h.Digest("monday", "model merging");
        h.Subscribe("101", "23:00", "Asia/Tokyo");
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        Assert.Single(h.Posts(channel));
    }

    [Fact]
    public async Task ExecuteAsync_TimersOnTheClock_PostsWhenTheLocalTimeComesAndStopsOnCancel()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        h.Clock.SetUtcNow(Sunday.AddMinutes(10));
        var channel = h.Subscribe("101", "12:05", "UTC");
        // A clock whose timers fire only when the test moves it (it starts on Monday 12:00 UTC).
        var clock = new Bot.Tests.Discord.Fakes.FakeClock();
        using var scheduler = h.Scheduler(clock: clock);

        await scheduler.StartAsync(CancellationToken.None);
        await clock.WaitForTimersAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))?.State != PostState.Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Single(h.Posts(channel));
        Assert.Single(h.Ledger.All("user:101"));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 12, 5, 0, TimeSpan.Zero), h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))!.ClaimedAt);
        Assert.True(scheduler.ExecuteTask!.IsCompleted);
    }
}
