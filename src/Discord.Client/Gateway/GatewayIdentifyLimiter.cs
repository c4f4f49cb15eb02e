namespace Bot.Discord.Gateway;

/// <summary>
/// Identify is limited per bot, not per connection (Gateway docs, "Session Start Limit" and
/// "max_concurrency"): shards with equal <c>shard_id % max_concurrency</c> share a bucket that allows one
/// identify per 5 seconds, and when <c>remaining</c> is 0 nothing may identify until <c>reset_after</c>.
/// Registered once per process so every client in it shares the buckets.
/// </summary>
public sealed class GatewayIdentifyLimiter(TimeProvider time)
{
    public static readonly TimeSpan BucketInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, DateTimeOffset> _nextAllowed = [];

    /// <summary>Reserves the next identify slot for this shard and says how long to wait for it.</summary>
    public TimeSpan Reserve(int shardId, SessionStartLimit limit)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var bucket = shardId % Math.Max(1, limit.MaxConcurrency);
            var at = _nextAllowed.TryGetValue(bucket, out var next) && next > now ? next : now;
            if (limit.Remaining <= 0)
            {
                var reset = now + TimeSpan.FromMilliseconds(limit.ResetAfter);
                at = reset > at ? reset : at;
            }
            _nextAllowed[bucket] = at + BucketInterval;
            return at - now;
        }
    }
}
