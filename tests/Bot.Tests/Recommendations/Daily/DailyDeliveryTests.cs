using Bot.Commands;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>What daily posts look like on the wire: DMs, the community digest thread, refusals, and forget-me.</summary>
public sealed class DailyDeliveryTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayEight = new(2024, 5, 6, 8, 0, 0, TimeSpan.Zero);
    private const string DmChannel = "1300000000000000001";

    [Fact]
    public async Task RunOnce_DmSubscriber_OpensTheDmThenPostsThePicksThere()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        SubscribeByDm(h, "101");
        h.Clock.SetUtcNow(MondayEight);

        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        var open = Assert.Single(h.Server.RequestsTo("POST", "/users/@me/channels"));
        Assert.Equal("""{"recipient_id":"101"}""", open.Body);
        var post = DailyHarness.Body(Assert.Single(h.Posts(DmChannel)));
        Assert.StartsWith("**Your daily papers for Monday 6 May 2024**", post.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, post.GetProperty("embeds").GetArrayLength());
        Assert.True(h.Server.Requests.ToList().FindIndex(r => r.Path.EndsWith("/users/@me/channels", StringComparison.Ordinal))
            < h.Server.Requests.ToList().FindIndex(r => r.Path.EndsWith($"/channels/{DmChannel}/messages", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunOnce_MoreThanFivePicks_SplitsIntoMessagesAndTheFirstCarriesTheReference()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", papers: 9);
        SubscribeByDm(h, "101", count: 7);
        h.Clock.SetUtcNow(MondayEight);

        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        var posts = h.Posts(DmChannel).Select(DailyHarness.Body).ToArray();
        Assert.Equal([5, 2], posts.Select(p => p.GetProperty("embeds").GetArrayLength()));
        Assert.Contains(DailyPost.ReferenceFor(DailyTargetKind.User, "101", new DateOnly(2024, 5, 6)), posts[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))!.Post!.Items.Count);
    }

    [Fact]
    public void Subscribe_ChannelDeliveryOutsideAServer_IsRefused()
    {
        using var store = Bot.Tests.Support.TestStore.Create();

        var reply = store.Get<DailyCommands>().Subscribe("101", null, null, new DailyCommands.SubscribeRequest("channel", null, null, null, null));

        Assert.True(reply.IsError);
        Assert.Contains("Channel delivery posts in the server channel", reply.Headline, StringComparison.Ordinal);
        Assert.Null(store.Get<SubscriptionStore>().Find("101"));
    }

    [Fact]
    public async Task RunOnce_DmsClosed_RecordsTheRefusalAndDoesNotRetry()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        SubscribeByDm(h, "101");
        h.Server.Script("POST", $"/channels/{DmChannel}/messages", ScriptedResponse.Error(403, 50007, "Cannot send messages to this user"));
        var scheduler = h.Scheduler();

        h.Clock.SetUtcNow(MondayEight);
        await scheduler.RunOnceAsync(CancellationToken.None);
        h.Clock.SetUtcNow(MondayEight.AddHours(2));
        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Single(h.Posts(DmChannel));
        var entry = h.Ledger.Find("user:101", new DateOnly(2024, 5, 6))!;
        Assert.Equal(PostState.Failed, entry.State);
    }

    [Fact]
    public async Task RunOnce_DmsClosed_PausesTheSubscriptionSoLaterDaysAreNotTried()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        SubscribeByDm(h, "101");
        h.Server.Script("POST", $"/channels/{DmChannel}/messages", ScriptedResponse.Error(403, 50007, "Cannot send messages to this user"));
        var scheduler = h.Scheduler();

        h.Clock.SetUtcNow(MondayEight);
        await scheduler.RunOnceAsync(CancellationToken.None);
        h.Digest("monday", "model merging", dateLine: "May 6");
        h.Clock.SetUtcNow(MondayEight.AddDays(1));
        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Single(h.Posts(DmChannel));
        Assert.Null(h.Ledger.Find("user:101", new DateOnly(2024, 5, 7)));
        Assert.Equal(SubscriptionStore.PausedDmsClosed, h.Store.Get<SubscriptionStore>().Find("101")!.Paused);
    }

    [Fact]
    public async Task Subscribe_AfterDmsClosedPausedIt_ResumesAndSaysWhyItHadStopped()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        SubscribeByDm(h, "101");
        h.Server.Script("POST", $"/channels/{DmChannel}/messages", ScriptedResponse.Error(403, 50007, "Cannot send messages to this user"));
        var scheduler = h.Scheduler();
        h.Clock.SetUtcNow(MondayEight);
        await scheduler.RunOnceAsync(CancellationToken.None);

        var reply = h.Store.Get<DailyCommands>().Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, null, null, null, null));
        var again = h.Store.Get<DailyCommands>().Subscribe("101", null, null, new DailyCommands.SubscribeRequest(null, null, null, null, null));
        // The user opened their DMs.
        h.ScriptChannel(DmChannel);
        h.Digest("monday", "model merging", dateLine: "May 6");
        h.Clock.SetUtcNow(MondayEight.AddDays(1));
        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Equal("Subscription resumed", reply.Headline);
        Assert.Contains("paused because I could not send you a direct message", reply.Footer, StringComparison.Ordinal);
        Assert.Equal("Subscription updated", again.Headline);
        Assert.DoesNotContain("paused", again.Footer, StringComparison.Ordinal);
        Assert.Null(h.Store.Get<SubscriptionStore>().Find("101")!.Paused);
        Assert.Equal(2, h.Posts(DmChannel).Length);
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", new DateOnly(2024, 5, 7))!.State);
    }

    [Fact]
    public async Task RunOnce_CommunityDigest_StartsAThreadWithTheNewestDigestsTopPapersOneLineEach()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("older", "graph neural networks", dateLine: "May 4");
        h.Digest("newest", "model merging", papers: 8, dateLine: "May 5");
        h.Subscribe("101", "07:00", "UTC", interest: "model merging");
        const string Channel = "1230000000000000009";
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, Channel, "101", "08:00", "UTC").IsError);
        h.ScriptChannel(Channel);
        const string starterId = "1400000000000000000";
        h.Server.Script("POST", $"/channels/{Channel}/messages", ScriptedResponse.Json(200, DailyHarness.MessageJson(starterId, Channel, "")));
        h.Server.Script("POST", $"/channels/{Channel}/messages/{starterId}/threads",
            ScriptedResponse.Json(201, """{"id": "1500000000000000000", "type": 11, "guild_id": "1210000000000000005", "name": "Papers for 2024-05-06"}"""));
        var scheduler = h.Scheduler();

        h.Clock.SetUtcNow(MondayEight);
        await scheduler.RunOnceAsync(CancellationToken.None);
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);

        var starter = DailyHarness.Body(Assert.Single(h.Posts(Channel), r => r.Body.Contains("Community digest", StringComparison.Ordinal)));
        Assert.Contains("2024-05-05", starter.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        var thread = DailyHarness.Body(Assert.Single(h.Server.RequestsTo("POST", $"/channels/{Channel}/messages/{starterId}/threads")));
        Assert.Equal("Papers for 2024-05-06", thread.GetProperty("name").GetString());
        var papers = DailyHarness.Body(Assert.Single(h.Posts("1500000000000000000"))).GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains("**1. ", papers, StringComparison.Ordinal);
        Assert.Contains("**5. ", papers, StringComparison.Ordinal);
        Assert.DoesNotContain("**6. ", papers, StringComparison.Ordinal);
        Assert.Contains("newest paper", papers, StringComparison.Ordinal);
        Assert.DoesNotContain("older paper", papers, StringComparison.Ordinal);
        // Tuesday: the newest digest is still Sunday's, already posted, so the channel hears nothing.
        Assert.Equal(PostState.Empty, h.Ledger.Find("guild:" + DailyHarness.GuildId, new DateOnly(2024, 5, 7))!.State);
    }

    [Fact]
    public async Task RunOnce_CommunityDigestWithNoNewDigestForDays_PostsTheDigestOnce()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("newest", "model merging", papers: 6, dateLine: "May 5");
        const string Channel = "1230000000000000009";
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, Channel, "101", "08:00", "UTC").IsError);
        h.Server.Script("POST", $"/channels/{Channel}/messages", ScriptedResponse.Json(200, DailyHarness.MessageJson("1400000000000000000", Channel, "")));
        h.Server.Script("POST", $"/channels/{Channel}/messages/1400000000000000000/threads",
            ScriptedResponse.Json(201, """{"id": "1400000000000000000", "type": 11}"""));
        var scheduler = h.Scheduler();

        // Monday posts Sunday's digest; no digest arrives all week.
        for (var day = 6; day <= 10; day++)
        {
            h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, day, 8, 0, 0, TimeSpan.Zero));
            await scheduler.RunOnceAsync(CancellationToken.None);
        }

        Assert.Single(h.Posts(Channel));
        Assert.Equal([PostState.Sent, PostState.Empty, PostState.Empty, PostState.Empty, PostState.Empty],
            h.Ledger.All("guild:" + DailyHarness.GuildId).Select(e => e.State));
    }

    [Fact]
    public async Task RunOnce_CommunityDigest_RanksByTheMembersInterestsBeforeTheDigestsOrder()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        // Seven older papers, so the saved one ("variant 7") shares no numbered word with the six new ones: the
        // test titles' boilerplate would otherwise make it look like "newest paper 1 ... variant 1".
        h.Digest("older", "May 4", [.. Enumerable.Repeat("protein folding", 7)]);
        h.Digest("newest", "May 5", ["graph neural networks", "graph neural networks", "graph neural networks",
            "model merging", "model merging", "model merging"]);
        // A member who never subscribed: they follow model merging and gave feedback in this server.
        var signals = h.Store.Get<UserSignalStore>();
        signals.AddInterest("201", "model merging", 20);
        var older = h.Store.Get<Bot.Store.PaperStore>().FindPaper("older paper 7: protein folding at scale, variant 7")!;
        signals.Record("201", DailyHarness.GuildId, older.RowId, FeedbackKind.Save);
        const string Channel = "1230000000000000009";
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, Channel, "201", "08:00", "UTC").IsError);
        h.Server.Script("POST", $"/channels/{Channel}/messages", ScriptedResponse.Json(200, DailyHarness.MessageJson("1400000000000000000", Channel, "")));
        h.Server.Script("POST", $"/channels/{Channel}/messages/1400000000000000000/threads",
            ScriptedResponse.Json(201, """{"id": "1500000000000000000", "type": 11}"""));
        h.Clock.SetUtcNow(MondayEight);

        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        var items = h.Ledger.Find("guild:" + DailyHarness.GuildId, new DateOnly(2024, 5, 6))!.Post!.Items;
        Assert.Equal(5, items.Count);
        Assert.All(items.Take(3), i => Assert.Contains("model merging", i.Title, StringComparison.Ordinal));
        Assert.All(items.Skip(3), i => Assert.Contains("graph neural networks", i.Title, StringComparison.Ordinal));
        Assert.All(items, i => Assert.EndsWith(".", i.Line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgetUser_Subscriber_LeavesNoDailyRowBehind()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        h.Subscribe("101", "08:00", "UTC");
        h.Subscribe("102", "08:00", "UTC");
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, "1230000000000000009", "101", null, null).IsError);
        h.Clock.SetUtcNow(MondayEight);
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        h.Store.Get<UserSignalStore>().ForgetUser("101");

        using var connection = h.Store.OpenRaw();
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM daily_subscriptions WHERE user_id = '101'"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM daily_posts WHERE target = 'user:101'"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM community_digests WHERE set_by = '101'"));
        Assert.Equal(0L, Count(connection, "SELECT count(*) FROM user_seen WHERE user_id = '101'"));
        // Others keep theirs, and the server keeps its channel.
        Assert.Equal(1L, Count(connection, "SELECT count(*) FROM daily_subscriptions WHERE user_id = '102'"));
        Assert.Equal(1L, Count(connection, "SELECT count(*) FROM daily_posts WHERE target = 'user:102'"));
        Assert.Equal(1L, Count(connection, "SELECT count(*) FROM community_digests"));
    }

    private static void SubscribeByDm(DailyHarness h, string userId, int count = 3)
    {
        h.Store.Get<UserSignalStore>().AddInterest(userId, "model merging", 20);
        h.Server.Script("POST", "/users/@me/channels", ScriptedResponse.Json(200, $$"""{"id": "{{DmChannel}}", "type": 1}"""));
        h.ScriptChannel(DmChannel);
        Assert.False(h.Store.Get<DailyCommands>().Subscribe(userId, null, null, new DailyCommands.SubscribeRequest(null, "08:00", "UTC", count, null)).IsError);
    }

    private static long Count(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
