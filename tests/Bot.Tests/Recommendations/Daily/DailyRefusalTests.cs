using Bot.Commands;
using Bot.Recommendations.Daily;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>
/// Destinations that refuse daily posts for good: a deleted channel pauses at once, missing permissions
/// only after several due days in a row; whoever can fix it is told why when they next use the bot.
/// </summary>
public sealed class DailyRefusalTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);
    private const string CommunityChannel = "1230000000000000009";

    [Fact]
    public async Task RunOnce_SubscribedChannelDeleted_PausesAtOnceAndLaterDaysAreNotTried()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Server.Script("POST", $"/channels/{channel}/messages", ScriptedResponse.Error(404, 10003, "Unknown Channel"));
        var scheduler = h.Scheduler();

        await RunDayAsync(h, scheduler, 6);
        await RunDayAsync(h, scheduler, 7);

        Assert.Single(h.Posts(channel));
        Assert.Equal(SubscriptionStore.PausedChannelGone, h.Store.Get<SubscriptionStore>().Find("101")!.Paused);
        Assert.Null(h.Ledger.Find("user:101", new DateOnly(2024, 5, 7)));
    }

    [Fact]
    public async Task RunOnce_MissingPermissions_PausesOnlyOnTheThirdRefusedDayInARow()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Server.Script("POST", $"/channels/{channel}/messages", ScriptedResponse.Error(403, 50013, "Missing Permissions"));
        var scheduler = h.Scheduler();
        var subscriptions = h.Store.Get<SubscriptionStore>();

        await RunDayAsync(h, scheduler, 6);
        await RunDayAsync(h, scheduler, 7);
        var afterTwo = subscriptions.Find("101")!.Paused;
        await RunDayAsync(h, scheduler, 8);
        await RunDayAsync(h, scheduler, 9);

        Assert.Null(afterTwo);
        Assert.Equal(3, h.Posts(channel).Length);
        Assert.Equal(SubscriptionStore.PausedNoAccess, subscriptions.Find("101")!.Paused);
        Assert.Null(h.Ledger.Find("user:101", new DateOnly(2024, 5, 9)));
    }

    [Fact]
    public async Task RunOnce_RefusedDaysBrokenByADelivery_CountAgainFromZero()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var channel = h.Subscribe("101", "08:00", "UTC");
        var scheduler = h.Scheduler();
        var refuse = () => h.Server.Script("POST", $"/channels/{channel}/messages", ScriptedResponse.Error(403, 50001, "Missing Access"));

        refuse();
        await RunDayAsync(h, scheduler, 6);
        await RunDayAsync(h, scheduler, 7);
        // An admin fixed the permissions, then broke them again.
        h.ScriptChannel(channel);
        await RunDayAsync(h, scheduler, 8);
        refuse();
        await RunDayAsync(h, scheduler, 9);
        await RunDayAsync(h, scheduler, 10);

        Assert.Null(h.Store.Get<SubscriptionStore>().Find("101")!.Paused);
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", new DateOnly(2024, 5, 8))!.State);
        Assert.Equal(5, h.Posts(channel).Length);
    }

    [Fact]
    public async Task RunOnce_ArchivedThreadOrAnotherClientError_IsARefusalNotRetriedThatDay()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Server.Script("POST", $"/channels/{channel}/messages", ScriptedResponse.Error(400, 50083, "Thread is archived"));
        var scheduler = h.Scheduler();

        await RunDayAsync(h, scheduler, 6);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Single(h.Posts(channel));
        Assert.Equal(PostState.Failed, h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))!.State);
        Assert.Equal(1, h.Ledger.RefusedInARow("user:101", new DateOnly(2024, 5, 6)));
    }

    [Fact]
    public async Task Subscribe_AfterMissingPermissionsPausedIt_ResumesAndNamesThePermissions()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Store.Get<SubscriptionStore>().Pause("101", SubscriptionStore.PausedNoAccess);

        var reply = h.Store.Get<DailyCommands>().Subscribe("101", DailyHarness.GuildId, channel, new DailyCommands.SubscribeRequest(null, null, null, null, null));

        Assert.Equal("Subscription resumed", reply.Headline);
        Assert.Contains("refused access to the channel on 3 due days in a row", reply.Footer, StringComparison.Ordinal);
        Assert.Contains("Send Messages", reply.Footer, StringComparison.Ordinal);
        Assert.Null(h.Store.Get<SubscriptionStore>().Find("101")!.Paused);
    }

    [Fact]
    public async Task RunOnce_CommunityChannelDeleted_PausesTheDigestUntilTheChannelIsSetAgain()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        var commands = h.Store.Get<DailyCommands>();
        Assert.False(commands.SetCommunityDigest(DailyHarness.GuildId, CommunityChannel, "101", "08:00", "UTC").IsError);
        h.Server.Script("POST", $"/channels/{CommunityChannel}/messages", ScriptedResponse.Error(404, 10003, "Unknown Channel"));
        var scheduler = h.Scheduler();
        var subscriptions = h.Store.Get<SubscriptionStore>();

        await RunDayAsync(h, scheduler, 6);
        await RunDayAsync(h, scheduler, 7);
        var paused = subscriptions.FindCommunityDigest(DailyHarness.GuildId)!.Paused;
        var reply = commands.SetCommunityDigest(DailyHarness.GuildId, "1230000000000000010", "102", null, null);

        Assert.Single(h.Posts(CommunityChannel));
        Assert.Equal(SubscriptionStore.PausedChannelGone, paused);
        Assert.Null(h.Ledger.Find("guild:" + DailyHarness.GuildId, new DateOnly(2024, 5, 7)));
        Assert.Equal("Community digest resumed", reply.Headline);
        Assert.Contains("no longer exists", reply.Footer, StringComparison.Ordinal);
        Assert.Null(subscriptions.FindCommunityDigest(DailyHarness.GuildId)!.Paused);
        Assert.Single(subscriptions.ActiveCommunityDigests());
    }

    [Fact]
    public async Task Recommend_WhileTheSubscriptionIsPaused_SaysWhyAndHowToResume()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", dateLine: "May 5");
        h.Subscribe("101", "08:00", "UTC");
        h.Store.Get<SubscriptionStore>().Pause("101", SubscriptionStore.PausedDmsClosed);

        var (reply, picks) = await h.Store.Get<RecommendationCommands>().RecommendAsync("101", DailyHarness.GuildId, 3, CancellationToken.None);
        var (other, _) = await h.Store.Get<RecommendationCommands>().RecommendAsync("102", DailyHarness.GuildId, 3, CancellationToken.None);

        Assert.NotEmpty(picks);
        Assert.Contains("Your daily papers are paused because I could not send you a direct message", reply.Footer, StringComparison.Ordinal);
        Assert.Contains("/subscribe resumes them", reply.Footer, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", other.Footer, StringComparison.Ordinal);
    }

    /// <summary>A new digest arrives the evening before, and the scheduler runs at 08:00 UTC on May <paramref name="day"/>.</summary>
    private static async Task RunDayAsync(DailyHarness h, DailyScheduler scheduler, int day)
    {
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, day - 1, 20, 0, 0, TimeSpan.Zero));
        h.Digest($"may{day}", "model merging", dateLine: $"May {day - 1}");
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, day, 8, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);
    }
}
