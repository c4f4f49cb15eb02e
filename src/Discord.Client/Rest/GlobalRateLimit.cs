namespace Bot.Discord.Rest;

/// <summary>
/// The bot-wide limit (Rate Limits: Global Rate Limit): at most <paramref name="perSecond"/> requests in
/// any one-second window, and none at all while a global 429 is in force.
/// </summary>
internal sealed class GlobalRateLimit(TimeProvider time, int perSecond)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _blockedUntil;
    private DateTimeOffset _windowStart;
    private int _count;

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (now < _blockedUntil)
                {
                    wait = _blockedUntil - now;
                }
                else
                {
                    if (now >= _windowStart + Window)
                    {
                        (_windowStart, _count) = (now, 0);
                    }
                    if (_count < perSecond)
                    {
                        _count++;
                        return;
                    }
                    wait = _windowStart + Window - now;
                }
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>A 429 with <c>global: true</c>: every request waits.</summary>
    public void BlockFor(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow() + retryAfter;
            _blockedUntil = until > _blockedUntil ? until : _blockedUntil;
        }
    }
}
