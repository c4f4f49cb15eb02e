using Bot.Resilience;

namespace Bot.Discord.Gateway;

/// <summary>
/// Delay before each reconnect: 1 s doubling to a 60 s cap, with the shared equal jitter so many
/// shards or bots knocked off together do not return in lockstep. Reset after a successful Ready or
/// Resumed.
/// </summary>
public sealed class ReconnectBackoff(Random random, TimeSpan baseDelay, TimeSpan maxDelay)
{
    public ReconnectBackoff(Random random)
        : this(random, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60))
    {
    }

    private readonly ExponentialBackoff _backoff = new(baseDelay, maxDelay, random);
    private int _failures;

    public TimeSpan Next() => _backoff.Delay(_failures++);

    public void Reset() => _failures = 0;
}
