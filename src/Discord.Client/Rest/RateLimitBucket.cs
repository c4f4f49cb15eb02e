namespace Bot.Discord.Rest;

/// <summary>
/// What Discord last said about one bucket. Requests on a bucket go one at a time (<see cref="Gate"/>),
/// so each learns the headers of the one before and none races past a remaining count of zero.
/// </summary>
internal sealed class RateLimitBucket(string id)
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private DateTimeOffset _resetAt;

    public string Id { get; } = id;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>How long to wait before the next request: until the reset when nothing remains.</summary>
    public TimeSpan DelayBeforeNext(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _remaining is 0 && now < _resetAt ? _resetAt - now : TimeSpan.Zero;
        }
    }

    /// <summary>From <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset-After</c> (relative, so clock skew does not matter).</summary>
    public void Update(int remaining, TimeSpan resetAfter, DateTimeOffset now)
    {
        lock (_lock)
        {
            _remaining = remaining;
            _resetAt = now + resetAfter;
        }
    }

    /// <summary>After a 429 on this bucket: nothing until <paramref name="retryAfter"/> has passed.</summary>
    public void BlockFor(TimeSpan retryAfter, DateTimeOffset now)
    {
        lock (_lock)
        {
            _remaining = 0;
            var until = now + retryAfter;
            _resetAt = until > _resetAt ? until : _resetAt;
        }
    }
}
