using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Tests.Discord.Fakes;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Discord.Gateway;

/// <summary>
/// Builds a <see cref="GatewayClient"/> over a scripted transport, a fake clock and a fixed jitter
/// of 0.5, runs it, and tears it down.
/// </summary>
internal sealed class GatewayClientHarness : IAsyncDisposable
{
    public const string Token = "SECRET-bot-token.abc123.xyz";
    public const string GatewayUrl = "wss://gateway.test";
    public const string ResumeUrl = "wss://resume.test";

    private readonly CancellationTokenSource _stop = new();

    public GatewayClientHarness(Action<DiscordOptions>? configure = null, IEnumerable<IGatewayEventHandler>? handlers = null)
    {
        Options = new DiscordOptions { Token = Token };
        configure?.Invoke(Options);
        Ready = new RecordingEventHandler("READY");
        Client = new GatewayClient(
            Transport,
            Urls,
            new GatewayEventRouter([Ready, .. handlers ?? []]),
            new GatewayIdentifyLimiter(Clock),
            new ReconnectBackoff(Random),
            Microsoft.Extensions.Options.Options.Create(Options),
            Clock,
            Random,
            Logs.CreateLogger<GatewayClient>());
    }

    public DiscordOptions Options { get; }

    public FakeGatewayTransport Transport { get; } = new();

    public FakeGatewayUrlSource Urls { get; } = new(GatewayUrl);

    public FakeClock Clock { get; } = new();

    public FixedRandom Random { get; } = new(0.5);

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingEventHandler Ready { get; }

    public GatewayClient Client { get; }

    public Task<GatewayCloseRule>? Run { get; private set; }

    public GatewayClientHarness Start()
    {
        Run = Task.Run(() => Client.RunAsync(_stop.Token));
        return this;
    }

    /// <summary>Hello → Identify → Ready (sequence 1, session "session-1"); returns the Identify sent.</summary>
    public async Task<SentPayload> ConnectReadyAsync(int heartbeatMs = 41_250)
    {
        Start();
        await Transport.WaitForConnectionsAsync(1);
        Transport.Hello(heartbeatMs);
        var identify = await Transport.ExpectAsync(GatewayOpcodes.Identify);
        Transport.Ready(1, "session-1", ResumeUrl);
        await Ready.NextAsync();
        return identify;
    }

    /// <summary>Moves the clock in small steps until the client has opened this many connections.</summary>
    public async Task AdvanceUntilConnectionsAsync(int count, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var moved = TimeSpan.Zero;
        while (Transport.Connections.Count < count)
        {
            if (moved > (limit ?? TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException($"No connection {count} after {moved} of fake time.");
            }
            Clock.Advance(step ?? TimeSpan.FromMilliseconds(100));
            moved += step ?? TimeSpan.FromMilliseconds(100);
            await Task.Delay(2);
        }
    }

    /// <summary>Waits (real time) until a log line with this event id has been written this many times.</summary>
    public async Task WaitForLogAsync(int eventId, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Logs.Entries.Count(e => e.EventId == eventId) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log {eventId} ×{count}; have:\n{Logs.AllText()}");
            }
            await Task.Delay(5);
        }
    }

    /// <summary>Waits (real time) until the client has recorded this dispatch sequence number.</summary>
    public async Task WaitForSequenceAsync(int sequence)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Client.Session.Sequence != sequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        Assert.Equal(sequence, Client.Session.Sequence);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Run is not null)
        {
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // The expected end of a run that was not stopped by a close code.
            }
        }
        _stop.Dispose();
    }
}
