using Bot.Commands;
using Bot.Console;
using Bot.Discord.Daily;
using Bot.Recommendations.Daily;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>Posts of several messages cut by a crash or a lost lease: each message arrives once, none is lost.</summary>
public sealed class DailyResumeTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayEight = new(2024, 5, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Monday = new(2024, 5, 6);
    private const string First = "1500000000000000101";
    private const string Second = "1500000000000000102";

    [Fact]
    public async Task RunOnce_CrashAfterTheFirstOfTwoMessages_ResumeSendsOnlyTheSecond()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        var (channel, post, messages) = await SevenPicksAsync(h);
        Assert.Equal(2, messages.Count);
        // The crashed run sent and recorded the first message (picks 1-5), then died.
        Assert.Equal(First, (await h.Rest.CreateMessageAsync(channel, messages[0])).Id);
        Assert.True(h.Ledger.RecordDelivered("user:101", Monday, "crashed", [First], MondayEight));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        var posts = h.Posts(channel).Select(DailyHarness.Body).ToArray();
        Assert.Equal([5, 2], posts.Select(p => p.GetProperty("embeds").GetArrayLength()));
        Assert.Equal($"-# ref {post.Reference} part 2", posts[1].GetProperty("content").GetString());
        Assert.Equal([post.Reference + ".0", post.Reference + ".1"], posts.Select(p => p.GetProperty("nonce").GetString()));
        Assert.All(posts, p => Assert.True(p.GetProperty("enforce_nonce").GetBoolean()));
        var entry = h.Ledger.Find("user:101", Monday)!;
        Assert.Equal((PostState.Sent, First), (entry.State, entry.Delivered[0]));
    }

    [Fact]
    public async Task RunOnce_CrashAfterTheSecondMessageWasSentButNotRecorded_FindsItAndSendsNothing()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        var (channel, post, messages) = await SevenPicksAsync(h);
        await h.Rest.CreateMessageAsync(channel, messages[0]);
        Assert.True(h.Ledger.RecordDelivered("user:101", Monday, "crashed", [First], MondayEight));
        await h.Rest.CreateMessageAsync(channel, messages[1]);
        // Discord lists the second message after the first (chatter by someone else quoting the reference is ignored).
        h.Server.Script("GET", $"/channels/{channel}/messages", ScriptedResponse.Json(200, $$"""
            [{"id": "1500000000000000103", "channel_id": "{{channel}}", "author": {"id": "77", "username": "ada"}, "content": "ref {{post.Reference}} part 2"},
             {"id": "{{Second}}", "channel_id": "{{channel}}", "author": {"id": "{{DailyHarness.BotUserId}}", "username": "digest-bot", "bot": true}, "content": "-# ref {{post.Reference}} part 2"}]
            """));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(0, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, h.Posts(channel).Length);
        Assert.Equal($"?after={First}&limit=100", Assert.Single(h.Server.RequestsTo("GET", $"/channels/{channel}/messages")).Query);
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", Monday)!.State);
    }

    [Fact]
    public async Task RunOnce_LeaseRunsOutBetweenMessages_TheSlowRunStopsAndTheRetriedCreateIsNotDoubled()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", papers: 9);
        var channel = h.Subscribe("101", "08:00", "UTC", count: 7);
        h.Server.Script("POST", $"/channels/{channel}/messages",
            ScriptedResponse.Json(200, DailyHarness.MessageJson(First, channel, "")), ScriptedResponse.Json(200, DailyHarness.MessageJson(Second, channel, "")));
        var other = h.Scheduler(h.SecondInstance());
        h.Clock.SetUtcNow(MondayEight);
        // After its first message this run stalls past the lease; the other instance takes the post over meanwhile.
        var stalled = new StallingDelivery(h.Delivery, afterParts: 1, () =>
        {
            h.Clock.Advance(TimeSpan.FromMinutes(16));
            return other.RunOnceAsync(CancellationToken.None);
        });

        await h.Scheduler(delivery: stalled).RunOnceAsync(CancellationToken.None);

        // Both runs sent the second message with the same nonce: Discord (the fake) made it once.
        var posts = h.Posts(channel);
        Assert.Equal(3, posts.Length);
        Assert.Equal(1, h.Server.NonceReplays);
        var entry = h.Ledger.Find("user:101", Monday)!;
        Assert.Equal((PostState.Sent, 2), (entry.State, entry.Attempts));
    }

    [Fact]
    public async Task RunOnce_DigestArrivingWhileAPostIsBeingSent_IsNewForTheNextPost()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging", papers: 9);
        h.Subscribe("101", "08:00", "UTC", count: 7);
        h.Clock.SetUtcNow(MondayEight);
        // Between Monday's two messages (picks chosen already) a digest arrives.
        var slow = new StallingDelivery(h.Delivery, afterParts: 1, () =>
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            h.Digest("late", "model merging", papers: 2, dateLine: "May 6");
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            return Task.CompletedTask;
        });
        await h.Scheduler(delivery: slow).RunOnceAsync(CancellationToken.None);
        Assert.DoesNotContain(h.Ledger.Find("user:101", Monday)!.Post!.Items, i => i.Title.StartsWith("late", StringComparison.Ordinal));

        h.Clock.SetUtcNow(MondayEight.AddDays(1));
        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        var tuesday = h.Ledger.Find("user:101", Monday.AddDays(1))!.Post!.Items;
        Assert.Equal(2, tuesday.Count(i => i.Title.StartsWith("late", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunOnce_CommunityDigestCrashedAfterStartingTheThread_PostsThePapersInThatThreadOnly()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("newest", "model merging", papers: 6, dateLine: "May 5");
        const string Channel = "1230000000000000009";
        const string Starter = "1400000000000000000";
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, Channel, "101", "08:00", "UTC").IsError);
        h.Clock.SetUtcNow(MondayEight);
        const string Target = "guild:" + DailyHarness.GuildId;
        Assert.True(h.Ledger.TryClaim(Target, Monday, "crashed", MondayEight));
        var post = await h.Store.Get<DailyPostComposer>().ForCommunityAsync(h.Store.Get<SubscriptionStore>().FindCommunityDigest(DailyHarness.GuildId)!, Monday, CancellationToken.None);
        h.Ledger.SavePost(Target, Monday, "crashed", post);
        // The starter went out and was recorded; the thread was started, but the run died before recording it.
        Assert.True(h.Ledger.RecordDelivered(Target, Monday, "crashed", [Starter], MondayEight));
        h.Server.Script("POST", $"/channels/{Channel}/messages/{Starter}/threads",
            ScriptedResponse.Error(400, 160004, "A thread has already been created for this message"));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Empty(h.Posts(Channel));
        var papers = DailyHarness.Body(Assert.Single(h.Posts(Starter)));
        Assert.Equal($"-# ref {post.Reference} part 3", papers.GetProperty("content").GetString());
        Assert.Contains("**5. ", papers.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(PostState.Sent, h.Ledger.Find(Target, Monday)!.State);
    }

    [Fact]
    public async Task RunOnce_ConsolePostPrintedAndRecordedBeforeACrash_IsNotPrintedAgain()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        using var printed = new StringWriter();
        var console = new ConsoleDailyDelivery(printed);
        // The first run printed the post and recorded it, then died before closing the day.
        var crashed = h.Scheduler(delivery: console);
        await crashed.RunOnceAsync(CancellationToken.None);
        ReopenClaim(h);

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(0, await h.Scheduler(delivery: console).RunOnceAsync(CancellationToken.None));

        Assert.Equal(2, printed.ToString().Split("Your daily papers for Monday 6 May 2024").Length);
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", Monday)!.State);
    }

    [Fact]
    public async Task ConsoleSend_ClaimTakenOver_PrintsNothing()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        h.Subscribe("101", "08:00", "UTC");
        var post = await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find("101")!, Monday, CancellationToken.None);
        using var printed = new StringWriter();
        var lost = new DeliveryProgress([], _ => throw new ClaimLostException("taken over"));

        await Assert.ThrowsAsync<ClaimLostException>(() => new ConsoleDailyDelivery(printed).SendAsync(post, lost, CancellationToken.None));

        Assert.Empty(printed.ToString());
    }

    /// <summary>A subscriber with seven picks due Monday 08:00, claimed and stored by a run that then crashed.</summary>
    private static async Task<(string Channel, DailyPost Post, IReadOnlyList<Bot.Discord.Payloads.MessageCreate> Messages)> SevenPicksAsync(DailyHarness h)
    {
        h.Digest("sunday", "model merging", papers: 9);
        var channel = h.Subscribe("101", "08:00", "UTC", count: 7);
        h.Server.Script("POST", $"/channels/{channel}/messages",
            ScriptedResponse.Json(200, DailyHarness.MessageJson(First, channel, "")), ScriptedResponse.Json(200, DailyHarness.MessageJson(Second, channel, "")));
        h.Clock.SetUtcNow(MondayEight);
        Assert.True(h.Ledger.TryClaim("user:101", Monday, "crashed", MondayEight));
        var post = await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find("101")!, Monday, CancellationToken.None);
        h.Ledger.SavePost("user:101", Monday, "crashed", post);
        return (channel, post, DailyMessages.ForSubscriber(post));
    }

    /// <summary>Turns the finished row back into the claim a crash before finishing would have left.</summary>
    private static void ReopenClaim(DailyHarness h)
    {
        using var connection = h.Store.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE daily_posts SET state = 'claimed', finished_at = NULL WHERE target = 'user:101'";
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>The real delivery, stalled (time passing, another instance polling) after it recorded <paramref name="afterParts"/> parts.</summary>
    private sealed class StallingDelivery(IDailyDelivery inner, int afterParts, Func<Task> stall) : IDailyDelivery
    {
        public Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken) =>
            inner.SendAsync(post, new DeliveryProgress(progress.Delivered, id =>
            {
                progress.Record(id);
                if (progress.Delivered.Count == afterParts)
                {
                    // The record hook is synchronous; the stall runs on the pool while this run waits, as a stalled send would.
                    Task.Run(stall).GetAwaiter().GetResult();
                }
            }), cancellationToken);

        public Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.FindDeliveredAsync(post, progress, since, cancellationToken);
    }
}
