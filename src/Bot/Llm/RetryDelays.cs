using System.ClientModel;
using System.Globalization;
using Bot.Resilience;

namespace Bot.Llm;

/// <summary>
/// Which failures of a chat endpoint are worth another attempt, and how long to wait first:
/// what the server's Retry-After asks for (capped), otherwise the shared exponential backoff with jitter.
/// </summary>
public sealed class RetryDelays(Random random, TimeProvider clock, TimeSpan baseDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);
    private readonly ExponentialBackoff _backoff = new(baseDelay, MaxDelay, random);

    /// <summary>Timeouts, transport failures (status 0), 408, 409, 429 and 5xx are transient; 400, 401, 403 and 404 will fail again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException result => result.Status is 0 or 408 or 409 or 429 or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <param name="attempt">0 before the first retry, 1 before the second…</param>
    public TimeSpan Next(int attempt, Exception exception)
    {
        if (RetryAfter(exception) is { } asked)
        {
            return asked > MaxDelay ? MaxDelay : asked;
        }
        return _backoff.Delay(attempt);
    }

    /// <summary>OpenAI and Azure send <c>retry-after-ms</c> or <c>retry-after</c> (seconds, or an HTTP date).</summary>
    private TimeSpan? RetryAfter(Exception exception)
    {
        var headers = (exception as ClientResultException)?.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }
        if (headers.TryGetValue("retry-after", out var after) && after is not null)
        {
            if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
            if (DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - clock.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }
}
