using Bot.Commands;
using System.Text;
using System.Text.Json;
using Bot.Digests;
using Bot.Discord;
using Bot.Discord.Daily;
using Bot.Discord.Rest;
using Bot.Hosting;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>
/// Daily posts over a real store (synthetic digests ingested at chosen times), a hand-set clock, and a
/// loopback fake of Discord's REST API: tests read the posts exactly as Discord would receive them.
/// </summary>
internal sealed class DailyHarness : IAsyncDisposable
{
    public const string BotUserId = "1100000000000000001";
    public const string GuildId = "1210000000000000005";
    private const string Token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.secret-bot-token";

    private readonly HttpClient _http = new();
    private readonly List<IHost> _otherHosts = [];
    private int _nextMessage;

    private DailyHarness(TestStore store, FakeDiscordRestServer server)
    {
        Store = store;
        Server = server;
        Rest = new DiscordRestClient(_http, Options.Create(new DiscordOptions { Token = Token, ApiBaseUrl = server.ApiBaseUrl }),
            new DiscordRateLimiter(new FakeClock()), new DiscordRetryPolicy(new FixedRandom(0.0)), NullLogger<DiscordRestClient>.Instance);
        Identity.Set(BotUserId, "1270000000000000002");
        Delivery = new DiscordDailyDelivery(Rest, Identity);
    }

    public TestStore Store { get; }

    public Fakes.FakeTimeProvider Clock => Store.Clock;

    public FakeDiscordRestServer Server { get; }

    public DiscordRestClient Rest { get; }

    public DiscordIdentity Identity { get; } = new();

    public DiscordDailyDelivery Delivery { get; }

    public DailyPostLedger Ledger => Store.Get<DailyPostLedger>();

    public static async Task<DailyHarness> StartAsync(DateTimeOffset now)
    {
        var store = TestStore.Create();
        store.Clock.SetUtcNow(now);
        return new DailyHarness(store, await FakeDiscordRestServer.StartAsync(store.Clock));
    }

    /// <summary>A scheduler of this host, or of another host on the same store file (a second instance).</summary>
    public DailyScheduler Scheduler(IServiceProvider? services = null, TimeProvider? clock = null, IDailyDelivery? delivery = null, DailyInstance? instance = null)
    {
        services ??= Store.Services;
        return new DailyScheduler(
            services.GetRequiredService<SubscriptionStore>(),
            services.GetRequiredService<DailyPostLedger>(),
            services.GetRequiredService<DailyPostComposer>(),
            delivery ?? Delivery,
            services.GetRequiredService<UserSignalStore>(),
            clock ?? Clock,
            services.GetRequiredService<IOptions<DailyOptions>>(),
            NullLogger<DailyScheduler>.Instance,
            instance);
    }

    /// <summary>Another bot instance: its own host and connections over the same store file and clock.</summary>
    public IServiceProvider SecondInstance()
    {
        var builder = BotHost.CreateBuilder(Store.DatabasePath, worker: false);
        builder.Configuration.AddInMemoryCollection([new("Bot:Embeddings:Provider", "none")]);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        var host = builder.Build();
        _otherHosts.Add(host);
        return host.Services;
    }

    /// <summary>A user following <paramref name="interest"/>, subscribed for channel delivery in their own channel.</summary>
    public string Subscribe(string userId, string time, string zone, string interest = "model merging", bool notifyEmpty = false, int count = 3)
    {
        Store.Get<UserSignalStore>().AddInterest(userId, interest, 20);
        var channelId = ChannelOf(userId);
        ScriptChannel(channelId);
        var reply = Store.Get<DailyCommands>().Subscribe(userId, GuildId, channelId,
            new DailyCommands.SubscribeRequest("channel", time, zone, count, notifyEmpty));
        Assert.False(reply.IsError, reply.Headline);
        return channelId;
    }

    /// <summary>Each test user posts in a channel of their own, so a channel's messages are that user's posts.</summary>
    public static string ChannelOf(string userId) => "88" + userId;

    /// <summary>Makes create-message in a channel answer with a message as Discord would (a fresh id each time).</summary>
    public void ScriptChannel(string channelId)
    {
        var id = 1_500_000_000_000_000_000L + Interlocked.Increment(ref _nextMessage);
        Server.Script("POST", $"/channels/{channelId}/messages", ScriptedResponse.Json(200, MessageJson(id.ToString(System.Globalization.CultureInfo.InvariantCulture), channelId, "")));
        Server.Script("GET", $"/channels/{channelId}/messages", ScriptedResponse.Json(200, "[]"));
    }

    /// <summary>A digest of papers on <paramref name="topic"/>, arriving now.</summary>
    public void Digest(string name, string topic, int papers = 4, string dateLine = "May 6") =>
        Digest(name, dateLine, [.. Enumerable.Repeat(topic, papers)]);

    /// <summary>A digest listing one paper per topic, in this order, arriving now.</summary>
    public void Digest(string name, string dateLine, string[] topics)
    {
        var content = DigestText.Build(dateLine, [.. topics.Select((topic, i) =>
            ($"{name} paper {i + 1}: {topic} at scale, variant {i + 1}", DigestText.Abstract($"{topic} for {name} variant {i + 1}")))]);
        var report = Store.Get<DigestIngestor>().IngestContent(Encoding.UTF8.GetBytes(content), name + ".txt", Clock.GetUtcNow());
        Assert.Empty(report.Errors);
    }

    public RecordedRequest[] Posts(string channelId) => Server.RequestsTo("POST", $"/channels/{channelId}/messages");

    public static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public static string MessageJson(string id, string channelId, string footer) =>
        $$$"""{"id": "{{{id}}}", "channel_id": "{{{channelId}}}", "author": {"id": "{{{BotUserId}}}", "username": "digest-bot", "bot": true}, "content": "", "embeds": [{"title": "Daily", "footer": {"text": "{{{footer}}}"}}]}""";

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _otherHosts)
        {
            host.Dispose();
        }
        _http.Dispose();
        await Server.DisposeAsync();
        Store.Dispose();
    }
}
