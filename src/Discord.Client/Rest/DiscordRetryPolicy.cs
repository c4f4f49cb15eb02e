namespace Bot.Discord.Rest;

/// <summary>
/// Retries for 5xx responses and network failures: exponential backoff from one second, capped, with
/// jitter from the injected <see cref="Random"/> so many clients do not retry in step. 429s are not
/// retried here: they wait exactly as long as Discord says.
/// </summary>
public sealed class DiscordRetryPolicy(Random random)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all for one request that meets 5xx or network errors.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>429s one request may wait out before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: base·2ⁿ⁻¹, capped, times a jitter in [0.5, 1).</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var exponential = First * Math.Pow(2, Math.Min(failedAttempts - 1, 16));
        var capped = exponential < Cap ? exponential : Cap;
        return capped * (0.5 + random.NextDouble() / 2);
    }
}
