namespace Bot.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway events per 60 seconds per connection and disconnects a client that
/// sends more (Gateway docs, "Rate Limiting"). A fixed window on the injected clock, with a few slots
/// only heartbeats may use, so a burst of ordinary sends can never starve a heartbeat into a zombie.
/// One limiter per connection: the budget starts over with each socket.
/// </summary>
public sealed class GatewaySendLimiter(TimeProvider time)
{
    public const int Limit = 120;

    /// <summary>Slots kept for heartbeats: about two are due per window, plus any the server asks for.</summary>
    public const int ReservedForHeartbeats = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private long _windowStart;
    private int _sent;

    /// <summary>Waits until one more event may go out now; heartbeats may use the reserved slots.</summary>
    public async ValueTask WaitAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_sent == 0 || time.GetElapsedTime(_windowStart) >= Window)
                {
                    _windowStart = time.GetTimestamp();
                    _sent = 0;
                }
                var capacity = heartbeat ? Limit : Limit - ReservedForHeartbeats;
                if (_sent < capacity)
                {
                    _sent++;
                    return;
                }
                wait = Window - time.GetElapsedTime(_windowStart);
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
