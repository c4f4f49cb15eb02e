using Bot.Commands;
using Bot.Console;
using Bot.Discord.Interactions;
using Bot.Discord.Modules;
using Bot.Inbox;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Store;
using Bot.Tests.Discord.Interactions;
using Bot.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>/subscribe, /unsubscribe and /digest-channel in Discord (real interaction JSON, loopback REST) and at the console.</summary>
[Collection(DiscordInteractionCollection.Name)]
public sealed class DailyCommandTests
{
    private const string UserId = "1220000000000000003";
    private const string GuildId = "1210000000000000005";
    private const string HereChannel = "1230000000000000002";

    [Fact]
    public async Task Subscribe_AllOptions_DefersPrivatelyStoresAndConfirms()
    {
        await using var h = await InteractionHarness.StartAsync();
        var subscribe = h.Command("subscribe", """
            [{ "name": "delivery", "type": 3, "value": "channel" }, { "name": "time", "type": 3, "value": "7:30" },
             { "name": "timezone", "type": 3, "value": "Europe/Berlin" }, { "name": "count", "type": 4, "value": 4 },
             { "name": "notify-empty", "type": 5, "value": true }]
            """);

        await Router(h).HandleAsync(subscribe, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(h.Callbacks(subscribe)));
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var embed = InteractionHarness.Body(Assert.Single(h.Edits(subscribe))).GetProperty("embeds")[0];
        Assert.Equal("Subscribed to daily papers", embed.GetProperty("title").GetString());
        var saved = h.Store.Get<SubscriptionStore>().Find(UserId)!;
        Assert.Equal(new Subscription(UserId, GuildId, DeliveryKind.Channel, HereChannel, new TimeOnly(7, 30), "Europe/Berlin", 4, true, saved.CreatedAt), saved);
    }

    [Theory]
    [InlineData("""{ "name": "timezone", "type": 3, "value": "Mars/Olympus_Mons" }""", "Unknown time zone \"Mars/Olympus_Mons\"")]
    [InlineData("""{ "name": "time", "type": 3, "value": "25:00" }""", "time must be HH:mm")]
    [InlineData("""{ "name": "time", "type": 3, "value": "8pm" }""", "time must be HH:mm")]
    [InlineData("""{ "name": "timezone", "type": 3, "value": "Europe/Berlin\u202E" }""", "Unknown time zone")]
    public async Task Subscribe_BadOption_SaysWhyAndStoresNothing(string option, string error)
    {
        await using var h = await InteractionHarness.StartAsync();
        var subscribe = h.Command("subscribe", $"[{option}]");

        await Router(h).HandleAsync(subscribe, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(h.Edits(subscribe))).GetProperty("embeds")[0];
        Assert.Contains(error, embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Null(h.Store.Get<SubscriptionStore>().Find(UserId));
    }

    [Fact]
    public async Task Subscribe_Again_KeepsWhatItDoesNotName()
    {
        await using var h = await InteractionHarness.StartAsync();
        var router = Router(h);
        await router.HandleAsync(h.Command("subscribe", """[{ "name": "time", "type": 3, "value": "18:00" }, { "name": "timezone", "type": 3, "value": "America/New_York" }]"""), CancellationToken.None);

        await router.HandleAsync(h.Command("subscribe", """[{ "name": "count", "type": 4, "value": 2 }]"""), CancellationToken.None);

        var saved = h.Store.Get<SubscriptionStore>().Find(UserId)!;
        Assert.Equal((new TimeOnly(18, 0), "America/New_York", 2, DeliveryKind.Dm), (saved.LocalTime, saved.TimeZone, saved.Count, saved.Delivery));
    }

    [Fact]
    public async Task Unsubscribe_Subscribed_RemovesTheSubscription()
    {
        await using var h = await InteractionHarness.StartAsync();
        var router = Router(h);
        await router.HandleAsync(h.Command("subscribe"), CancellationToken.None);
        var unsubscribe = h.Command("unsubscribe");

        await router.HandleAsync(unsubscribe, CancellationToken.None);

        Assert.Null(h.Store.Get<SubscriptionStore>().Find(UserId));
        Assert.StartsWith("Unsubscribed", InteractionHarness.Body(Assert.Single(h.Edits(unsubscribe))).GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("channel", "32", "Stopped that member's daily picks in this server.", false)]
    [InlineData("channel", "0", "Only members with the Manage Server permission can stop someone else's daily picks, and only in their server.", true)]
    [InlineData("dm", "32", "That member has no daily picks posting in this server's channels.", true)]
    public async Task Unsubscribe_AnotherMember_OnlyAManagerAndOnlyTheirPicksInThisServer(string delivery, string invokerPermissions, string said, bool kept)
    {
        const string Member = "1220000000000000077";
        await using var h = await InteractionHarness.StartAsync();
        var daily = h.Store.Get<DailyCommands>();
        Assert.False(daily.Subscribe(Member, GuildId, HereChannel, new DailyCommands.SubscribeRequest(delivery, null, null, null, null)).IsError);
        var unsubscribe = h.Command("unsubscribe", $$"""[{ "name": "member", "type": 6, "value": "{{Member}}" }]""", permissions: invokerPermissions);

        await Router(h).HandleAsync(unsubscribe, CancellationToken.None);

        var title = InteractionHarness.Body(Assert.Single(h.Edits(unsubscribe))).GetProperty("embeds")[0].GetProperty("title").GetString();
        Assert.Equal(said, title);
        Assert.Equal(kept, h.Store.Get<SubscriptionStore>().Find(Member) is not null);
    }

    [Fact]
    public async Task DigestChannel_WithoutManageServer_IsRefused()
    {
        await using var h = await InteractionHarness.StartAsync();
        var set = h.Command("digest-channel", """[{ "name": "set", "type": 1, "options": [] }]""", permissions: "0");

        await Router(h).HandleAsync(set, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(h.Callbacks(set)));
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Contains("Manage Server", callback.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Store.Get<SubscriptionStore>().AllCommunityDigests());
    }

    [Fact]
    public void Catalog_DigestChannelOption_OffersTextAndAnnouncementChannelsOnly()
    {
        using var store = TestStore.Create();
        var json = System.Text.Json.JsonSerializer.Serialize(Bot.Discord.Commands.CommandCatalog.For(store.Get<Bot.Commands.Declarations.CommandSet>()).Single(c => c.Name == "digest-channel"),
            Bot.Discord.Payloads.DiscordJsonContext.Default.ApplicationCommand);

        var channel = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("options")[0].GetProperty("options")[0];
        Assert.Equal("channel", channel.GetProperty("name").GetString());
        Assert.Equal([0, 5], channel.GetProperty("channel_types").EnumerateArray().Select(t => t.GetInt32()));
    }

    [Fact]
    public async Task DigestChannel_SetThenClear_StoresThenRemovesTheChannel()
    {
        await using var h = await InteractionHarness.StartAsync();
        var router = Router(h);
        await router.HandleAsync(h.Command("digest-channel", """
            [{ "name": "set", "type": 1, "options": [{ "name": "channel", "type": 7, "value": "1230000000000000042" }, { "name": "time", "type": 3, "value": "09:15" }, { "name": "timezone", "type": 3, "value": "Asia/Tokyo" }] }]
            """), CancellationToken.None);

        var digest = Assert.Single(h.Store.Get<SubscriptionStore>().AllCommunityDigests());
        Assert.Equal((GuildId, "1230000000000000042", new TimeOnly(9, 15), "Asia/Tokyo", UserId), (digest.GuildId, digest.ChannelId, digest.LocalTime, digest.TimeZone, digest.SetBy));

        await router.HandleAsync(h.Command("digest-channel", """[{ "name": "clear", "type": 1 }]"""), CancellationToken.None);

        Assert.Empty(h.Store.Get<SubscriptionStore>().AllCommunityDigests());
    }

    [Theory]
    // A voice channel (with its text chat, the command can be used there), a stage, and a thread.
    [InlineData(2, "\"bitrate\": 64000, \"user_limit\": 0, \"rtc_region\": null,", "a voice channel")]
    [InlineData(13, "\"bitrate\": 64000, \"user_limit\": 0, \"rtc_region\": null,", "a stage channel")]
    [InlineData(11, "\"parent_id\": \"1230000000000000001\", \"thread_metadata\": { \"archived\": false, \"auto_archive_duration\": 1440, \"locked\": false },", "a thread")]
    public async Task DigestChannel_SetWithoutAChannelInAChannelThatCannotHoldIt_IsRefusedAndNothingStored(int type, string extra, string said)
    {
        await using var h = await InteractionHarness.StartAsync();
        var set = FromChannel(type, extra);

        await Router(h).HandleAsync(set, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(h.Edits(set))).GetProperty("embeds")[0];
        Assert.Equal($"This is {said}: the community digest needs a text or announcement channel, where it starts a thread a day. Use /digest-channel set in one, or pick one with the channel option.",
            embed.GetProperty("title").GetString());
        Assert.Empty(h.Store.Get<SubscriptionStore>().AllCommunityDigests());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task DigestChannel_SetWithoutAChannelInATextOrAnnouncementChannel_UsesIt(int type)
    {
        await using var h = await InteractionHarness.StartAsync();

        await Router(h).HandleAsync(FromChannel(type, "\"topic\": null, \"nsfw\": false, \"rate_limit_per_user\": 0,"), CancellationToken.None);

        Assert.Equal(HereChannel, Assert.Single(h.Store.Get<SubscriptionStore>().AllCommunityDigests()).ChannelId);
    }

    /// <summary><c>/digest-channel set</c> with no options, as API v10 sends it: <c>channel</c> is the partial channel it was used in.</summary>
    private static Bot.Discord.Payloads.Interaction FromChannel(int type, string extra, string appPermissions = "2248473465835073",
        string command = """ "name": "digest-channel", "type": 1, "options": [{ "name": "set", "type": 1, "options": [] }] """) =>
        System.Text.Json.JsonSerializer.Deserialize($$"""
            { "id": "1300000000000099001", "application_id": "{{InteractionHarness.ApplicationId}}", "type": 2, "token": "token-99001", "version": 1,
              "guild_id": "{{GuildId}}", "channel_id": "{{HereChannel}}",
              "channel": { "id": "{{HereChannel}}", "type": {{type}}, "guild_id": "{{GuildId}}", "name": "papers", {{extra}} "position": 3, "permissions": "2248473465835073", "flags": 0, "last_message_id": null },
              "member": { "user": { "id": "{{UserId}}", "username": "ada" }, "roles": [], "permissions": "32" },
              "app_permissions": "{{appPermissions}}", "locale": "en-US", "guild_locale": "en-US", "entitlements": [], "context": 0,
              "authorizing_integration_owners": { "0": "{{GuildId}}" },
              "data": { "id": "1280000000000000003", {{command}} } }
            """, Bot.Discord.Payloads.DiscordJsonContext.Default.Interaction)!;

    [Fact]
    public async Task DigestChannel_SetHereWithoutThreadPermissions_IsRefusedNamingThem()
    {
        await using var h = await InteractionHarness.StartAsync();
        // View Channel, Send Messages and Embed Links only.
        var set = FromChannel(0, "", appPermissions: ((1L << 10) | (1L << 11) | (1L << 14)).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Router(h).HandleAsync(set, CancellationToken.None);

        var title = InteractionHarness.Body(Assert.Single(h.Edits(set))).GetProperty("embeds")[0].GetProperty("title").GetString();
        Assert.Equal("I cannot start the community digest in this channel: I lack Create Public Threads, Send Messages in Threads here. Grant them to me in this channel, then run /digest-channel set again.", title);
        Assert.Empty(h.Store.Get<SubscriptionStore>().AllCommunityDigests());
    }

    [Theory]
    [InlineData(0, "1024", "I lack Send Messages, Embed Links here")]
    [InlineData(11, "17408", "I lack Send Messages in Threads here")]
    public async Task Subscribe_ChannelDeliveryWhereTheBotCannotPost_IsRefusedNamingThePermissions(int type, string appPermissions, string said)
    {
        await using var h = await InteractionHarness.StartAsync();
        var extra = type == 11 ? "\"parent_id\": \"1230000000000000001\", \"thread_metadata\": { \"archived\": false, \"auto_archive_duration\": 1440, \"locked\": false }," : "";
        var subscribe = FromChannel(type, extra, appPermissions, """ "name": "subscribe", "type": 1, "options": [{ "name": "delivery", "type": 3, "value": "channel" }] """);

        await Router(h).HandleAsync(subscribe, CancellationToken.None);

        var title = InteractionHarness.Body(Assert.Single(h.Edits(subscribe))).GetProperty("embeds")[0].GetProperty("title").GetString();
        Assert.Contains(said, title, StringComparison.Ordinal);
        Assert.Contains("choose delivery: dm", title, StringComparison.Ordinal);
        Assert.Null(h.Store.Get<SubscriptionStore>().Find(UserId));
    }

    [Theory]
    [InlineData("8")]
    [InlineData("2248473465835073")]
    public async Task Subscribe_ChannelDeliveryWhereTheBotMayPost_Subscribes(string appPermissions)
    {
        await using var h = await InteractionHarness.StartAsync();
        var subscribe = FromChannel(0, "", appPermissions, """ "name": "subscribe", "type": 1, "options": [{ "name": "delivery", "type": 3, "value": "channel" }] """);

        await Router(h).HandleAsync(subscribe, CancellationToken.None);

        Assert.Equal(DeliveryKind.Channel, h.Store.Get<SubscriptionStore>().Find(UserId)!.Delivery);
    }

    [Fact]
    public async Task Console_SubscribeThenDue_PrintsThePicks()
    {
        using var store = TestStore.Create();
        await store.Get<Bot.Digests.DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None);
        store.Get<UserSignalStore>().AddInterest(UserSignalStore.ConsoleUserId, "knowledge distillation", 20);
        using var output = new StringWriter();
        var reply = await ConsoleLines.RunAsync(store, "/subscribe time:13:00 timezone:Europe/Berlin count:2 notify-empty:yes");
        var help = await ConsoleLines.RunAsync(store, "/help");
        var printed = new StringWriter();
        var scheduler = new DailyScheduler(store.Get<SubscriptionStore>(), store.Get<DailyPostLedger>(), store.Get<DailyPostComposer>(),
            new ConsoleDailyDelivery(printed), store.Get<UserSignalStore>(), store.Clock, store.Get<IOptions<DailyOptions>>(), NullLogger<DailyScheduler>.Instance);
        // The clock starts at 12:00 UTC, 14:00 in Berlin: the first post is tomorrow at 11:00 UTC.
        store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 11, 0, 0, TimeSpan.Zero));
        await scheduler.RunOnceAsync(CancellationToken.None);

        Assert.Contains("Subscribed to daily papers", reply, StringComparison.Ordinal);
        Assert.Contains("13:00 Europe/Berlin, next on Tue 7 May 2024 13:00", reply, StringComparison.Ordinal);
        Assert.Contains("/subscribe [time:TEXT] [timezone:TEXT] [count:N] [notify-empty:yes|no]", help, StringComparison.Ordinal);
        Assert.Contains("printed here, while the bot runs", reply, StringComparison.Ordinal);
        Assert.Contains("Your daily papers for Tuesday 7 May 2024", printed.ToString(), StringComparison.Ordinal);
        Assert.Contains(" 2. ", printed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" 3. ", printed.ToString(), StringComparison.Ordinal);
    }

    private static InteractionRouter Router(InteractionHarness h)
    {
        var daily = h.Store.Get<DailyCommands>();
        return new InteractionRouter(
            [new SubscribeModule(daily, h.Rest), new UnsubscribeModule(daily, h.Rest), new DigestChannelModule(daily, h.Rest)],
            [], [], h.Store.Get<FrontEndState>(), h.Rest, NullLogger<InteractionRouter>.Instance);
    }

    private static SampleSeeder Seeder(TestStore store) =>
        new(store.Get<PaperStore>(), store.Get<Bot.Digests.DigestIngestor>(), store.Get<Bot.Embeddings.EmbeddingBackfillSignal>(),
            Options.Create(new InboxOptions { SamplesPath = "" }), NullLogger<SampleSeeder>.Instance);
}
