namespace Bot.Resilience;

/// <summary>
/// The one backoff every retry uses (the language model, Discord's REST calls, the gateway's
/// reconnects): the step doubles from a base delay, the wait is drawn between half and all of the step
/// ("equal jitter") from the injected <see cref="Random"/>, so clients knocked off together do not
/// return in lockstep, and the step stops growing at the cap. The caller waits on its injected clock.
/// </summary>
public sealed class ExponentialBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    public TimeSpan BaseDelay => baseDelay;

    public TimeSpan MaxDelay => maxDelay;

    /// <param name="retry">0 before the first retry, 1 before the second…</param>
    public TimeSpan Delay(int retry)
    {
        // Past 2^16 the cap has long won; the clamp keeps the power from overflowing.
        var step = baseDelay * Math.Pow(2, Math.Clamp(retry, 0, 16));
        var capped = step < maxDelay ? step : maxDelay;
        // Capped before the jitter, so waits at the cap still spread over [cap/2, cap).
        return capped * (0.5 + (random.NextDouble() / 2));
    }
}
