using System.Text.Json;
using Bot.Commands;
using Bot.Digests;
using Bot.Discord;
using Bot.Discord.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Modules;
using Bot.Discord.Payloads;
using Bot.Discord.Responders;
using Bot.Discord.Rest;
using Bot.Embeddings;
using Bot.Store;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Discord.Interactions;

/// <summary>
/// The interaction layer over a store holding the shared digests, answering a loopback fake of
/// Discord's REST API: tests read what the bot sent exactly as Discord would receive it.
/// </summary>
internal sealed class InteractionHarness : IAsyncDisposable
{
    public const string ApplicationId = "1270000000000000002";
    public const string BotUserId = "1100000000000000001";
    private const string Token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.secret-bot-token";

    private readonly HttpClient _http = new();
    private int _nextId;

    private InteractionHarness(TestStore store, FakeDiscordRestServer server, FakeClock clock, string? guildId)
    {
        Store = store;
        Server = server;
        var options = Options.Create(new DiscordOptions { Token = Token, ApiBaseUrl = server.ApiBaseUrl, GuildId = guildId ?? "" });
        Rest = new DiscordRestClient(_http, options, new DiscordRateLimiter(clock), new DiscordRetryPolicy(new FixedRandom(0.0)),
            NullLogger<DiscordRestClient>.Instance);
        var commands = store.Get<BotCommands>();
        var state = store.Get<FrontEndState>();
        var search = new SearchModule(store.Get<Bot.Commands.Declared.SearchCommand>(), commands, new SearchSessions(state, store.Clock), state, Rest);
        var picks = store.Get<RecommendationCommands>();
        var recommend = new RecommendModule(store.Get<Bot.Commands.Declared.RecommendCommand>(), picks, state, Rest);
        var interests = new InterestsModule(picks, Rest);
        var library = new LibraryModule(store.Get<Bot.Commands.Declared.LibraryCommand>(), Rest);
        var forget = new ForgetMeModule(picks, Rest);
        ISlashCommand[] custom =
            [search, new AskModule(store.Get<Bot.Commands.Declared.AskCommand>(), state, Rest, clock), new IngestModule(store.Get<DigestIngestor>(), store.Get<EmbeddingBackfillSignal>(), state, Rest, store.Clock, store.Get<IOptions<IngestOptions>>()),
                recommend, interests, library, forget];
        // As the host does: declared commands without a module of their own are served by the router's generic one.
        Router = new InteractionRouter(
            custom,
            [search, recommend, interests, library, forget],
            [],
            state,
            Rest,
            NullLogger<InteractionRouter>.Instance,
            store.Get<Bot.Commands.Declarations.CommandSet>());
        Mentions = new MentionResponder(store.Get<Bot.Commands.Declared.AskCommand>(), state, Rest, clock);
        Clock = clock;
        Registrar = new CommandRegistrar(Rest, state, store.Get<Bot.Commands.Declarations.CommandSet>(), options, NullLogger<CommandRegistrar>.Instance);
    }


    public TestStore Store { get; }

    /// <summary>The clock of the REST fake and of the modules' edit throttling.</summary>
    public FakeClock Clock { get; }

    public FakeDiscordRestServer Server { get; }

    public DiscordRestClient Rest { get; }

    public InteractionRouter Router { get; }

    public MentionResponder Mentions { get; }

    public CommandRegistrar Registrar { get; }

    /// <param name="settings">Extra host settings (a language model endpoint, budgets).</param>
    public static async Task<InteractionHarness> StartAsync(string? guildId = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = TestStore.Create(settings: settings);
        var report = await store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None);
        Assert.Empty(report.Errors);
        var clock = new FakeClock();
        return new InteractionHarness(store, await FakeDiscordRestServer.StartAsync(clock), clock, guildId);
    }

    /// <summary>An INTERACTION_CREATE payload as the gateway delivers it.</summary>
    public Interaction Interaction(int type, string data, string? permissions = "32", string userId = "1220000000000000003", bool inGuild = true)
    {
        var id = $"13000000000000{Interlocked.Increment(ref _nextId):00000}";
        var member = inGuild ? $$""", "guild_id": "1210000000000000005", "member": { "user": { "id": "{{userId}}", "username": "ada" }, "roles": [], "permissions": "{{permissions}}" }""" : $$""", "user": { "id": "{{userId}}", "username": "ada" }""";
        var json = $$"""
            { "id": "{{id}}", "application_id": "{{ApplicationId}}", "type": {{type}}, "token": "token-{{id}}", "version": 1,
              "channel_id": "1230000000000000002", "data": {{data}} {{member}} }
            """;
        return JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;
    }

    public Interaction Command(string name, string options = "[]", string resolved = "null", string? permissions = "32") =>
        Interaction(2, $$"""{ "id": "1280000000000000003", "name": "{{name}}", "type": 1, "options": {{options}}, "resolved": {{resolved}} }""", permissions);

    public Interaction Button(string customId) => Interaction(3, $$"""{ "custom_id": "{{customId}}", "component_type": 2 }""");

    public Interaction Select(string customId, string value) => Interaction(3, $$"""{ "custom_id": "{{customId}}", "component_type": 3, "values": ["{{value}}"] }""");

    public RecordedRequest[] Callbacks(Interaction interaction) => Server.RequestsTo("POST", $"/interactions/{interaction.Id}/{interaction.Token}/callback");

    public RecordedRequest[] Edits(Interaction interaction) => Server.RequestsTo("PATCH", $"/webhooks/{ApplicationId}/{interaction.Token}/messages/@original");

    public RecordedRequest[] FollowUps(Interaction interaction) => Server.RequestsTo("POST", $"/webhooks/{ApplicationId}/{interaction.Token}");

    public static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
        Store.Dispose();
    }
}
