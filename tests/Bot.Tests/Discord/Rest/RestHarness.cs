using Bot.Discord;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Fakes;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Discord.Rest;

/// <summary>A client wired to the loopback fake, a manual clock, fixed jitter and a recording logger.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    public const string Token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.secret-bot-token";

    private readonly HttpClient _http = new();

    private RestHarness(FakeDiscordRestServer server, FakeClock clock)
    {
        Server = server;
        Clock = clock;
        Client = new DiscordRestClient(
            _http,
            Options.Create(new DiscordOptions { Token = Token, ApiBaseUrl = server.ApiBaseUrl }),
            new DiscordRateLimiter(clock),
            new DiscordRetryPolicy(new FixedRandom(0.0)),
            Logger);
    }

    public FakeDiscordRestServer Server { get; }

    public FakeClock Clock { get; }

    public FakeLogger<DiscordRestClient> Logger { get; } = new();

    public DiscordRestClient Client { get; }

    public static async Task<RestHarness> StartAsync()
    {
        var clock = new FakeClock();
        return new RestHarness(await FakeDiscordRestServer.StartAsync(clock), clock);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
