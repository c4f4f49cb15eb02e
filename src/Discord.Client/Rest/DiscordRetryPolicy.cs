using Bot.Resilience;

namespace Bot.Discord.Rest;

/// <summary>
/// Retries for 5xx responses and network failures: the shared backoff from one second, capped at
/// 30 s, with jitter from the injected <see cref="Random"/> so many clients do not retry in step. 429s
/// are not retried here: they wait exactly as long as Discord says.
/// </summary>
public sealed class DiscordRetryPolicy(Random random)
{
    private readonly ExponentialBackoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), random);

    /// <summary>Attempts in all for one request that meets 5xx or network errors.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>429s one request may wait out before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public TimeSpan Backoff(int failedAttempts) => _backoff.Delay(failedAttempts - 1);
}
