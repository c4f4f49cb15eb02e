using Bot.Commands;
using Bot.Recommendations.Daily;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>Interrupted runs and several instances: one post per user and local day, whatever happens.</summary>
public sealed class DailyRestartTests
{
    private static readonly DateTimeOffset Sunday = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset MondayEight = new(2024, 5, 6, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Monday = new(2024, 5, 6);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunOnce_CrashAfterClaimBeforeSend_PostsOnceAfterTheLease(bool postStored)
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        // The crashed run claimed Monday (and maybe stored the post), then died before sending.
        Assert.True(h.Ledger.TryClaim("user:101", Monday, "crashed", MondayEight));
        if (postStored)
        {
            var post = await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find("101")!, Monday, CancellationToken.None);
            h.Ledger.SavePost("user:101", Monday, "crashed", post);
        }
        var restarted = h.Scheduler();

        h.Clock.SetUtcNow(MondayEight.AddMinutes(10));
        Assert.Equal(0, await restarted.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(1, await restarted.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(MondayEight.AddMinutes(40));
        Assert.Equal(0, await restarted.RunOnceAsync(CancellationToken.None));

        Assert.Equal(MondayEight.AddMinutes(16), Assert.Single(h.Posts(channel)).ReceivedAt);
        var entry = h.Ledger.Find("user:101", Monday)!;
        Assert.Equal(PostState.Sent, entry.State);
        Assert.Equal(2, entry.Attempts);
    }

    [Fact]
    public async Task RunOnce_CrashAfterSendBeforeMark_ConfirmsTheDeliveredPostWithoutResending()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        var (post, receipt) = await SendWithoutFinishingAsync(h, "101");
        var restarted = h.Scheduler();

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(0, await restarted.RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(channel));
        Assert.Single(h.Server.RequestsTo("GET", $"/channels/{channel}/messages"));
        var entry = h.Ledger.Find("user:101", Monday)!;
        Assert.Equal(PostState.Sent, entry.State);
        var seen = h.Store.Get<Bot.Recommendations.UserSignalStore>().Profile("101", null, 0).Seen;
        Assert.All(post.Items, i => Assert.Contains(i.PaperRowId, seen));
        Assert.NotNull(receipt.MessageId);
    }

    [Fact]
    public async Task RunOnce_CrashAfterSendInABusyChannel_PagesThroughTheMessagesToFindThePost()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        var (post, receipt) = await SendWithoutFinishingAsync(h, "101");
        // A full page of other people's messages comes first; the post is on the second page.
        var chatter = string.Join(", ", Enumerable.Range(1, 100).Select(i =>
            $$"""{"id": "{{1_300_000_000_000_000_000L + i}}", "channel_id": "{{channel}}", "author": {"id": "77", "username": "ada"}, "content": "ref {{post.Reference}}?"}"""));
        h.Server.Script("GET", $"/channels/{channel}/messages", ScriptedResponse.Json(200, $"[{chatter}]"),
            ScriptedResponse.Json(200, "[" + DailyHarness.MessageJson(receipt.MessageId, channel, $"ref {post.Reference}") + "]"));

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(0, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(channel));
        var reads = h.Server.RequestsTo("GET", $"/channels/{channel}/messages");
        Assert.Equal(2, reads.Length);
        // The first page starts just before Monday's due time; the second after the first page's newest id.
        Assert.Equal($"?after={Bot.Discord.Daily.Snowflake.AtOrBefore(MondayEight.AddMinutes(-1))}&limit=100", reads[0].Query);
        Assert.Equal("?after=1300000000000000100&limit=100", reads[1].Query);
        Assert.Equal(receipt.MessageId, ReadMessageId(h));
    }

    [Fact]
    public async Task RunOnce_RestartInTheMiddleOfAPostingRun_ExactlyOnePostPerUser()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        string[] users = ["101", "102", "103", "104"];
        var channels = users.Select(u => h.Subscribe(u, "08:00", "UTC")).ToArray();
        h.Clock.SetUtcNow(MondayEight);
        // The first run finished 101, sent 102 but died before recording it, had claimed and stored 103, never reached 104.
        var (_, first) = await SendWithoutFinishingAsync(h, "101");
        Assert.True(h.Ledger.Finish("user:101", Monday, "crashed", PostState.Sent, MondayEight, first.MessageId));
        await SendWithoutFinishingAsync(h, "102");
        Assert.True(h.Ledger.TryClaim("user:103", Monday, "crashed", MondayEight));
        var post103 = await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find("103")!, Monday, CancellationToken.None);
        h.Ledger.SavePost("user:103", Monday, "crashed", post103);

        // Restarted at once: 104 goes out now, 102 and 103 wait for the lease.
        var restarted = h.Scheduler();
        h.Clock.SetUtcNow(MondayEight.AddMinutes(1));
        Assert.Equal(1, await restarted.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(MondayEight.AddMinutes(20));
        Assert.Equal(1, await restarted.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(MondayEight.AddHours(3));
        Assert.Equal(0, await restarted.RunOnceAsync(CancellationToken.None));

        Assert.All(channels, c => Assert.Single(h.Posts(c)));
        Assert.All(users, u => Assert.Equal(PostState.Sent, h.Ledger.Find("user:" + u, Monday)!.State));
    }

    [Fact]
    public async Task RunOnce_CrashedClaimFoundAfterTheNextDayCameDue_IsSupersededByOnePost()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        Assert.True(h.Ledger.TryClaim("user:101", Monday, "crashed", MondayEight));

        // Back on Tuesday after 08:00: Monday's claim is not sent late; Tuesday's post covers both days.
        h.Clock.SetUtcNow(MondayEight.AddDays(1).AddHours(1));
        Assert.Equal(1, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(channel));
        Assert.Equal([PostState.Superseded, PostState.Sent], h.Ledger.All("user:101").Select(e => e.State));
    }

    [Fact]
    public async Task RunOnce_CrashedClaimOfAnUnsubscribedUser_IsClosedWithoutSending()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        Assert.True(h.Ledger.TryClaim("user:101", Monday, "crashed", MondayEight));
        h.Store.Get<DailyCommands>().Unsubscribe("101");

        h.Clock.SetUtcNow(MondayEight.AddMinutes(30));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);

        Assert.Empty(h.Posts(channel));
        Assert.Equal(PostState.Failed, h.Ledger.Find("user:101", Monday)!.State);
    }

    [Fact]
    public async Task RunOnce_TwoInstancesOnOneStoreAtOnce_ExactlyOnePostPerUser()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channels = Enumerable.Range(101, 8).Select(u => h.Subscribe(u.ToString(System.Globalization.CultureInfo.InvariantCulture), "08:00", "UTC")).ToArray();
        var one = h.Scheduler();
        var two = h.Scheduler(h.SecondInstance());
        h.Clock.SetUtcNow(MondayEight);

        var sent = 0;
        for (var round = 0; round < 3; round++)
        {
            var counts = await Task.WhenAll(Task.Run(() => one.RunOnceAsync(CancellationToken.None)), Task.Run(() => two.RunOnceAsync(CancellationToken.None)));
            sent += counts.Sum();
        }

        Assert.Equal(8, sent);
        Assert.All(channels, c => Assert.Single(h.Posts(c)));
    }

    [Fact]
    public async Task RunOnce_LongPass_EachClaimCarriesItsOwnTimeSoAnotherInstanceLeavesItAlone()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channels = new[] { "101", "102" }.Select(u => h.Subscribe(u, "08:00", "UTC")).ToArray();
        var other = h.Scheduler(h.SecondInstance());
        h.Clock.SetUtcNow(MondayEight);
        // Each send takes ten minutes (rate limits on a big pass); during the second, the other instance polls.
        var sends = 0;
        var slow = new SlowDelivery(h.Delivery, () =>
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            return ++sends == 2 ? other.RunOnceAsync(CancellationToken.None) : Task.CompletedTask;
        });

        await h.Scheduler(delivery: slow).RunOnceAsync(CancellationToken.None);

        Assert.All(channels, c => Assert.Single(h.Posts(c)));
        Assert.All(h.Ledger.All("user:102"), e => Assert.Equal(PostState.Sent, e.State));
    }

    [Fact]
    public async Task RunOnce_ClaimNeverFinishes_GivesUpAfterMaxAttempts()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        // Discord keeps rejecting the send (not a refusal of the destination), so every claim stays unfinished.
        h.Server.Script("POST", $"/channels/{channel}/messages", ScriptedResponse.Error(400, 50035, "Invalid Form Body"));
        var scheduler = h.Scheduler();

        for (var minutes = 0; minutes <= 120; minutes += 16)
        {
            h.Clock.SetUtcNow(MondayEight.AddMinutes(minutes));
            await scheduler.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(3, h.Posts(channel).Length);
        var entry = h.Ledger.Find("user:101", Monday)!;
        Assert.Equal(PostState.Failed, entry.State);
    }

    [Fact]
    public async Task RunOnce_CrashAfterSendThenTheTimeMoves_LooksForThePostFromWhenItWasComposed()
    {
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var channel = h.Subscribe("101", "08:00", "UTC");
        h.Clock.SetUtcNow(MondayEight);
        var (post, receipt) = await SendWithoutFinishingAsync(h, "101", composedAt: MondayEight);
        // Before the resume, the user moves their posts to the evening.
        Assert.False(h.Store.Get<DailyCommands>().Subscribe("101", DailyHarness.GuildId, channel, new DailyCommands.SubscribeRequest(null, "20:00", null, null, null)).IsError);

        h.Clock.SetUtcNow(MondayEight.AddMinutes(16));
        Assert.Equal(0, await h.Scheduler().RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(channel));
        var read = Assert.Single(h.Server.RequestsTo("GET", $"/channels/{channel}/messages"));
        Assert.Equal($"?after={Bot.Discord.Daily.Snowflake.AtOrBefore(MondayEight.AddMinutes(-1))}&limit=100", read.Query);
        Assert.Equal(receipt.MessageId, ReadMessageId(h));
        Assert.Equal(PostState.Sent, h.Ledger.Find("user:101", Monday)!.State);
        Assert.NotEmpty(post.Items);
    }

    [Fact]
    public async Task RunOnce_UserForgottenWhileThePassPostsToOthers_GetsNoPostAndNoRowComesBack()
    {
        const string Forgotten = "1990000000000000077";
        await using var h = await DailyHarness.StartAsync(Sunday);
        h.Digest("sunday", "model merging");
        var first = h.Subscribe("1010000000000000011", "08:00", "UTC");
        var theirs = h.Subscribe(Forgotten, "08:00", "UTC");
        var forgot = false;
        // The pass read both subscriptions; while it sends the first user's post, the second presses "delete everything".
        var scheduler = h.Scheduler(delivery: new SlowDelivery(h.Delivery, () =>
        {
            if (!forgot)
            {
                forgot = true;
                h.Store.Get<Bot.Commands.RecommendationCommands>().ForgetMe(Forgotten);
            }
            return Task.CompletedTask;
        }));

        h.Clock.SetUtcNow(MondayEight);
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));

        Assert.Single(h.Posts(first));
        Assert.Empty(h.Posts(theirs));
        using var probe = h.Store.OpenRaw();
        Assert.Empty(Bot.Tests.Support.StoreProbe.ColumnsMentioning(probe, Forgotten));
    }

    private static string? ReadMessageId(DailyHarness h)
    {
        using var connection = h.Store.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id FROM daily_posts WHERE target = 'user:101'";
        return command.ExecuteScalar() as string;
    }

    /// <summary>What a run that dies right after Discord accepted the post leaves behind: a claim with the post, and the message.</summary>
    private static async Task<(DailyPost Post, DeliveryReceipt Receipt)> SendWithoutFinishingAsync(DailyHarness h, string userId, DateTimeOffset? composedAt = null)
    {
        var target = "user:" + userId;
        Assert.True(h.Ledger.TryClaim(target, Monday, "crashed", MondayEight));
        var post = await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find(userId)!, Monday, CancellationToken.None)
            with { ComposedAt = composedAt };
        Assert.True(h.Ledger.SavePost(target, Monday, "crashed", post));
        // Nothing is recorded: the run dies as Discord answers.
        var receipt = await h.Delivery.SendAsync(post, new DeliveryProgress([], _ => { }), CancellationToken.None);
        // Discord now lists the message in the channel.
        var channel = DailyHarness.ChannelOf(userId);
        h.Server.Script("GET", $"/channels/{channel}/messages",
            ScriptedResponse.Json(200, "[" + DailyHarness.MessageJson(receipt.MessageId, channel, $"Daily picks · 2024-05-06 · ref {post.Reference}") + "]"));
        return (post, receipt);
    }

    /// <summary>The real delivery, with something happening (time passing, another instance polling) before each send.</summary>
    private sealed class SlowDelivery(IDailyDelivery inner, Func<Task> before) : IDailyDelivery
    {
        public async Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken)
        {
            await before();
            return await inner.SendAsync(post, progress, cancellationToken);
        }

        public Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.FindDeliveredAsync(post, progress, since, cancellationToken);
    }
}
