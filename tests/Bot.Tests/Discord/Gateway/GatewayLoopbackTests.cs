using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Discord.Gateway;

/// <summary>
/// The real stack (RestGatewayUrlSource over the REST client, WebSocketGatewayTransport, GatewayClient) against a loopback
/// Kestrel gateway speaking real, fragmented WebSocket frames, on the real clock.
/// </summary>
public sealed class GatewayLoopbackTests
{
    [Fact]
    public async Task RunAsync_ServerDropsSocket_ResumesOnResumeUrlAndReplaysMissedEventsInOrder()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var seen = new ConcurrentQueue<GatewayEvent>();
        var messages = new RecordingEventHandler("MESSAGE_CREATE", shared: seen);
        var ready = new RecordingEventHandler("READY");
        await using var client = new LoopbackClient(server, [ready, messages, new RecordingEventHandler("RESUMED", shared: seen)], TimeSpan.FromMilliseconds(10));
        client.Start();
        await ready.NextAsync(TimeSpan.FromSeconds(20));

        for (var n = 1; n <= 3; n++)
        {
            server.Publish("MESSAGE_CREATE", new JsonObject { ["n"] = n });
        }
        await messages.WaitForCountAsync(3, TimeSpan.FromSeconds(20));
        server.Pause();
        server.Publish("MESSAGE_CREATE", new JsonObject { ["n"] = 4 });
        server.Publish("MESSAGE_CREATE", new JsonObject { ["n"] = 5 });
        server.DropCurrentConnection();
        await WaitUntilAsync(() => seen.Any(e => e.Name == "RESUMED"), TimeSpan.FromSeconds(20));

        Assert.Equal(
            ["MESSAGE_CREATE 1", "MESSAGE_CREATE 2", "MESSAGE_CREATE 3", "MESSAGE_CREATE 4", "MESSAGE_CREATE 5", "RESUMED"],
            seen.Select(e => e.Name == "RESUMED" ? e.Name : $"{e.Name} {e.Data.GetProperty("n").GetInt32()}"));
        Assert.Equal([2, 3, 4, 5, 6], messages.Events.Select(e => e.Sequence ?? 0));
        var resume = Assert.Single(server.Resumes);
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(4, resume.GetProperty("seq").GetInt32());
        Assert.Single(server.Identifies);
        var requests = server.Requests.ToList();
        Assert.Equal("/api/v10/gateway/bot", requests[0]);
        Assert.Equal("/gateway/?v=10&encoding=json", requests[1]);
        Assert.Equal("/resume/?v=10&encoding=json", requests[2]);
        Assert.Equal("Bot " + FakeGatewayServer.Token, Assert.Single(server.Authorizations));
        Assert.DoesNotContain(FakeGatewayServer.Token, client.Logs.AllText());
    }

    [Fact]
    public async Task RunAsync_HundredRandomDropsWhileEventsFlow_EveryEventExactlyOnceInOrder()
    {
        const int drops = 100;
        await using var server = await FakeGatewayServer.StartAsync(seed: 20261122);
        server.EventsBeforeReconnect = 5;
        server.DropChance = 0.08;
        server.DropsLeft = drops;
        var messages = new RecordingEventHandler("MESSAGE_CREATE");
        var ready = new RecordingEventHandler("READY");
        await using var client = new LoopbackClient(server, [ready, messages], TimeSpan.FromMilliseconds(1));
        client.Start();
        await ready.NextAsync(TimeSpan.FromSeconds(20));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);

        // Keep a bounded number of events in flight so drops land while events flow, until all drops happened.
        var published = 0;
        var tail = 0;
        while (tail < 50 && DateTime.UtcNow < deadline)
        {
            if (published - messages.Events.Count < 20)
            {
                server.Publish("MESSAGE_CREATE", new JsonObject { ["n"] = ++published });
                tail += server.Drops >= drops ? 1 : 0;
            }
            else
            {
                await Task.Delay(1);
            }
        }
        await messages.WaitForCountAsync(published, deadline - DateTime.UtcNow);

        Assert.Equal(drops, server.Drops);
        Assert.True(published > drops, $"only {published} events published");
        Assert.Equal(Enumerable.Range(1, published), messages.Events.Select(e => e.Data.GetProperty("n").GetInt32()));
        Assert.Equal(Enumerable.Range(2, published), messages.Events.Select(e => e.Sequence ?? 0));
        Assert.Single(server.Identifies);
        // The op 7 on the identify connection, then one reconnect on the resume URL after every drop.
        Assert.Equal(drops + 1, server.Requests.Count(r => r.StartsWith("/resume/", StringComparison.Ordinal)));
        Assert.DoesNotContain(client.Logs.Entries, e => e.EventId == 2116);
    }

    [Fact]
    public async Task RunAsync_ServerClosesWith4004_StopsWithoutReconnecting()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        server.CloseOnIdentify = 4004;
        await using var client = new LoopbackClient(server, [], TimeSpan.FromMilliseconds(10));

        var rule = await client.RunUntilStoppedAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(GatewayCloseAction.Stop, rule.Action);
        Assert.Single(server.Identifies);
        Assert.Contains(client.Logs.Entries, e => e.EventId == 2110 && e.Message.Contains("4004", StringComparison.Ordinal));
        Assert.DoesNotContain(FakeGatewayServer.Token, client.Logs.AllText());
    }

    [Fact]
    public async Task RunAsync_Stopped_SendsClose1000SoTheServerEndsTheSessionAtOnce()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var ready = new RecordingEventHandler("READY");
        await using var client = new LoopbackClient(server, [ready], TimeSpan.FromMilliseconds(10));
        client.Start();
        await ready.NextAsync(TimeSpan.FromSeconds(20));

        // The client is waiting in a receive: stopping must not abort the socket (the server would see 1006).
        await client.StopAsync();

        Assert.Equal([GatewayCloseCodes.NormalClosure], server.ClientCloses);
    }

    [Fact]
    public async Task Heartbeat_NeverAcknowledged_Closes4000ThenResumes()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        server.HeartbeatIntervalMs = 100;
        server.AcknowledgeHeartbeats = false;
        var ready = new RecordingEventHandler("READY");
        await using var client = new LoopbackClient(server, [ready], TimeSpan.FromMilliseconds(10));
        client.Start();
        await ready.NextAsync(TimeSpan.FromSeconds(20));

        await WaitUntilAsync(() => !server.Resumes.IsEmpty, TimeSpan.FromSeconds(20));

        // A non-1000 close keeps the session resumable; the server must read it, not a reset connection.
        Assert.Equal(GatewayCloseCodes.ClientResume, server.ClientCloses.First());
        Assert.Contains(client.Logs.Entries, e => e.EventId == 2105);
    }

    [Fact]
    public async Task Connect_Handshake_NamesTheBotWithTheSameUserAgentAsRest()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var ready = new RecordingEventHandler("READY");
        await using var client = new LoopbackClient(server, [ready], TimeSpan.FromMilliseconds(10));
        client.Start();

        await ready.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(DiscordUserAgent.Value, Assert.Single(server.GatewayUserAgents));
        Assert.Equal(DiscordUserAgent.Value, Assert.Single(server.RestUserAgents));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>The production wiring, pointed at the loopback server, with a short reconnect backoff.</summary>
    private sealed class LoopbackClient : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _http = new();
        private readonly WebSocketGatewayTransport _transport = new();
        private readonly GatewayClient _client;
        private Task? _run;

        public LoopbackClient(FakeGatewayServer server, IGatewayEventHandler[] handlers, TimeSpan backoffBase)
        {
            var options = Options.Create(new DiscordOptions { Token = FakeGatewayServer.Token, ApiBaseUrl = server.ApiBaseUrl });
            var random = new Random(5);
            _client = new GatewayClient(
                _transport,
                new RestGatewayUrlSource(new DiscordRestClient(_http, options, new DiscordRateLimiter(TimeProvider.System), new DiscordRetryPolicy(random),
                    NullLogger<DiscordRestClient>.Instance)),
                new GatewayEventRouter(handlers),
                new GatewayIdentifyLimiter(TimeProvider.System),
                new ReconnectBackoff(random, backoffBase, backoffBase * 20),
                options,
                TimeProvider.System,
                random,
                Logs.CreateLogger<GatewayClient>());
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public void Start() => _run = Task.Run(() => _client.RunAsync(_stop.Token));

        public Task<GatewayCloseRule> RunUntilStoppedAsync(TimeSpan timeout)
        {
            var run = Task.Run(() => _client.RunAsync(_stop.Token));
            _run = run;
            return run.WaitAsync(timeout);
        }

        /// <summary>Stops the client as the host does on shutdown, and waits until it has.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await (_run ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _transport.Dispose();
            _http.Dispose();
            _stop.Dispose();
        }
    }
}
