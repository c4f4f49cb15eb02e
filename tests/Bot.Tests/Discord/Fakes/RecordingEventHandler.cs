using System.Collections.Concurrent;
using System.Threading.Channels;
using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Fakes;

/// <summary>
/// Records the events it is given (also into a queue shared by several handlers, to check order across
/// event names); optionally throws on each, to prove the connection survives.
/// </summary>
internal sealed class RecordingEventHandler(string eventName, bool throws = false, ConcurrentQueue<GatewayEvent>? shared = null)
    : IGatewayEventHandler
{
    private readonly Channel<GatewayEvent> _seen = Channel.CreateUnbounded<GatewayEvent>();

    public string EventName => eventName;

    public ConcurrentQueue<GatewayEvent> Events { get; } = new();

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(gatewayEvent);
        shared?.Enqueue(gatewayEvent);
        _seen.Writer.TryWrite(gatewayEvent);
        return throws ? throw new InvalidOperationException($"handler for {eventName} failed on purpose") : Task.CompletedTask;
    }

    public async Task<GatewayEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _seen.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>Waits (real time) until this many events arrived.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Events.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
