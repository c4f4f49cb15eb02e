namespace Bot.Discord.Gateway;

/// <summary>
/// Delay before each reconnect: 1 s doubling to a 60 s cap, with "equal jitter" (half fixed, half
/// random) so many shards or bots knocked off together do not return in lockstep. Reset after a
/// successful Ready or Resumed.
/// </summary>
public sealed class ReconnectBackoff(Random random, TimeSpan baseDelay, TimeSpan maxDelay)
{
    public ReconnectBackoff(Random random)
        : this(random, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60))
    {
    }

    private int _failures;

    public TimeSpan Next()
    {
        // Past 2^16 the cap has long won; the clamp keeps the shift from overflowing.
        var exponential = baseDelay * Math.Pow(2, Math.Min(_failures, 16));
        var capped = exponential < maxDelay ? exponential : maxDelay;
        _failures++;
        return capped * (0.5 + (random.NextDouble() * 0.5));
    }

    public void Reset() => _failures = 0;
}
