using System.Net;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Discord.Gateway;

/// <summary>Registration, the hosted service, and the gateway lookup (through the REST client) and its failure rules.</summary>
public sealed class DiscordGatewayWiringTests
{
    [Fact]
    public void AddDiscordGateway_WithToken_RegistersServiceAndResolvesClient()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Bot:Discord:Token", "t")]);
        AddClockAndRandom(builder);

        builder.AddDiscordGateway();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Contains(services.GetServices<IHostedService>(), s => s is DiscordGatewayService);
        Assert.NotNull(services.GetRequiredService<GatewayClient>());
        Assert.IsType<WebSocketGatewayTransport>(services.GetRequiredService<IGatewayTransport>());
        Assert.IsType<RestGatewayUrlSource>(services.GetRequiredService<IGatewayUrlSource>());
    }

    [Fact]
    public void AddDiscordGateway_WithoutToken_RegistersNoService()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.AddDiscordGateway();
        using var services = builder.Services.BuildServiceProvider();

        Assert.DoesNotContain(services.GetServices<IHostedService>(), s => s is DiscordGatewayService);
    }

    [Fact]
    public void AddDiscordGateway_ShardIdNotBelowCount_FailsValidation()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Bot:Discord:ShardId", "1"), new("Bot:Discord:ShardCount", "1")]);

        builder.AddDiscordGateway();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DiscordOptions>>().Value);
    }

    [Fact]
    public async Task ExecuteAsync_NoToken_ReturnsWithoutConnecting()
    {
        await using var harness = new GatewayClientHarness(o => o.Token = "");
        using var service = new DiscordGatewayService(harness.Client, Options.Create(harness.Options), harness.Logs.CreateLogger<DiscordGatewayService>());

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Empty(harness.Transport.Connections);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 2118);
    }

    [Fact]
    public async Task RunAsync_GatewayLookupUnauthorized_StopsAsAuthenticationFailed()
    {
        var options = Options.Create(new DiscordOptions { Token = "bad-token", ApiBaseUrl = "http://discord.test/api/v10" });
        using var http = new HttpClient(new StatusHandler(HttpStatusCode.Unauthorized));
        var logs = new CapturingLoggerProvider();
        var client = new GatewayClient(new FakeGatewayTransport(), new RestGatewayUrlSource(Rest(http, options)), new GatewayEventRouter([]),
            new GatewayIdentifyLimiter(TimeProvider.System), new ReconnectBackoff(new Random(1)), options, TimeProvider.System, new Random(1),
            logs.CreateLogger<GatewayClient>());

        var rule = await client.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(GatewayCloseCodes.Classify(GatewayCloseCodes.AuthenticationFailed), rule);
        Assert.DoesNotContain("bad-token", logs.AllText());
    }

    [Fact]
    public async Task GetGatewayAsync_Request_SendsBotAuthorizationToGatewayBot()
    {
        var handler = new StatusHandler(HttpStatusCode.OK,
            """{"url":"wss://gateway.discord.gg","shards":2,"session_start_limit":{"total":1000,"remaining":998,"reset_after":1000,"max_concurrency":1}}""");
        using var http = new HttpClient(handler);
        var source = new RestGatewayUrlSource(Rest(http, Options.Create(new DiscordOptions { Token = "tok", ApiBaseUrl = "https://discord.test/api/v10/" })));

        var info = await source.GetGatewayAsync(CancellationToken.None);

        Assert.Equal("https://discord.test/api/v10/gateway/bot", handler.LastRequest!.RequestUri!.ToString());
        Assert.Equal("Bot tok", handler.LastRequest.Headers.Authorization!.ToString());
        Assert.StartsWith("DiscordBot (", handler.LastRequest.Headers.UserAgent.ToString());
        Assert.Equal(("wss://gateway.discord.gg", 2, 998), (info.Url, info.Shards, info.SessionStartLimit.Remaining));
    }

    [Fact]
    public void AddDiscord_EveryRegistration_BindsDiscordOptionsOnce()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Bot:Discord:Token", "t"), new("Bot:Discord:ShardCount", "2")]);
        AddClockAndRandom(builder);

        builder.AddDiscordGateway();
        builder.AddDiscordRest();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Single(builder.Services, s => s.ServiceType == typeof(IConfigureOptions<DiscordOptions>));
        Assert.Single(builder.Services, s => s.ServiceType == typeof(DiscordRestClient));
        Assert.Equal(2, services.GetRequiredService<IOptions<DiscordOptions>>().Value.ShardCount);
        Assert.NotNull(services.GetRequiredService<DiscordRestClient>());
    }

    [Fact]
    public void AddDiscordRest_Alone_ValidatesTheOptions()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Bot:Discord:ShardId", "3"), new("Bot:Discord:ShardCount", "1")]);

        builder.AddDiscordRest();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DiscordOptions>>().Value);
    }

    /// <summary>What the host registers once for every feature (BotHost), and a feature's registration leaves to it.</summary>
    private static void AddClockAndRandom(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Random(1));
    }

    private static DiscordRestClient Rest(HttpClient http, IOptions<DiscordOptions> options) =>
        new(http, options, new DiscordRateLimiter(TimeProvider.System), new DiscordRetryPolicy(new FixedRandom(0.0)), NullLogger<DiscordRestClient>.Instance);

    private sealed class StatusHandler(HttpStatusCode status, string body = "{}") : HttpMessageHandler
    {
        public HttpRequestMessage? LastRequest { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }
}
