using System.Collections.Concurrent;

namespace Bot.Discord.Rest;

/// <summary>
/// Per-bucket and global rate-limit state for the whole process (a singleton: typed HTTP clients are
/// short-lived). A route starts in a provisional bucket of its own; once Discord names its bucket
/// (<c>X-RateLimit-Bucket</c>), routes sharing that name and the same major parameters share one.
/// </summary>
public sealed class DiscordRateLimiter(TimeProvider time)
{
    /// <summary>Discord's documented default global limit.</summary>
    public const int GlobalRequestsPerSecond = 50;

    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new();
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new();

    internal GlobalRateLimit Global { get; } = new(time, GlobalRequestsPerSecond);

    internal TimeProvider Time => time;

    internal RateLimitBucket BucketFor(DiscordRoute route)
    {
        var id = _bucketOfRoute.TryGetValue(route.BucketKey, out var named) ? named : route.BucketKey;
        return _buckets.GetOrAdd(id, static key => new RateLimitBucket(key));
    }

    /// <summary>Learns from a response's headers; returns the bucket the route now belongs to.</summary>
    internal RateLimitBucket Learn(DiscordRoute route, RateLimitBucket current, RateLimitHeaders headers)
    {
        var bucket = current;
        if (headers.Bucket is { } name)
        {
            var id = name + ":" + route.MajorKey;
            _bucketOfRoute[route.BucketKey] = id;
            bucket = _buckets.GetOrAdd(id, static key => new RateLimitBucket(key));
        }
        if (headers is { Remaining: { } remaining, ResetAfter: { } resetAfter })
        {
            bucket.Update(remaining, resetAfter, time.GetUtcNow());
        }
        return bucket;
    }
}
