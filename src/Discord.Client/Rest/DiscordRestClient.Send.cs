using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Discord.Payloads;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Rest;

/// <summary>
/// The request pipeline: wait for the bucket and the global limit, send, learn the headers, and decide
/// (2xx done, 429 wait and retry, 5xx or network error back off and retry, other 4xx throw).
/// </summary>
public sealed partial class DiscordRestClient
{
    private async Task<T> SendAsync<T>(DiscordRoute route, byte[]? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(route, body, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
            ?? throw new DiscordApiException(route.ToString(), response.StatusCode, 0, "empty response body");
    }

    private static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    /// <summary>Sends until a final answer; the caller disposes the (successful) response.</summary>
    private async Task<HttpResponseMessage> SendAsync(DiscordRoute route, byte[]? body, CancellationToken cancellationToken)
    {
        var bucket = limiter.BucketFor(route);
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            // Learn may move the route to the bucket Discord names; release the gate that was taken.
            var held = bucket;
            await held.Gate.WaitAsync(cancellationToken);
            try
            {
                var delay = bucket.DelayBeforeNext(_time.GetUtcNow());
                if (delay > TimeSpan.Zero)
                {
                    LogWaitingForBucket(route.ToString(), delay.TotalSeconds);
                    await Task.Delay(delay, _time, cancellationToken);
                }
                if (!route.ExemptFromGlobalLimit)
                {
                    await limiter.Global.AcquireAsync(cancellationToken);
                }

                HttpResponseMessage response;
                try
                {
                    using var request = BuildRequest(route, body);
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                }
                catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
                {
                    if (++failures >= retry.MaxAttempts)
                    {
                        throw new DiscordApiException(route.ToString(), null, 0, $"network failure after {failures} attempts", innerException: e);
                    }
                    var wait = retry.Backoff(failures);
                    LogNetworkRetry(route.ToString(), failures, wait.TotalSeconds, e.GetType().Name);
                    await Task.Delay(wait, _time, cancellationToken);
                    continue;
                }

                var headers = RateLimitHeaders.From(response.Headers);
                bucket = limiter.Learn(route, bucket, headers);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        var limited = await ReadAsync(response, DiscordJsonContext.Default.RateLimitedBody, cancellationToken);
                        var retryAfter = limited is { RetryAfter: >= 0 } ? TimeSpan.FromSeconds(limited.RetryAfter)
                            : headers.RetryAfter ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);
                        var global = headers.Global || limited?.Global == true;
                        LogRateLimited(route.ToString(), retryAfter.TotalSeconds, global, headers.Scope ?? "unknown");
                        if (++rateLimited > retry.MaxRateLimitRetries)
                        {
                            throw new DiscordApiException(route.ToString(), response.StatusCode, limited?.Code ?? 0,
                                $"still rate limited after {rateLimited - 1} retries");
                        }
                        if (global && !route.ExemptFromGlobalLimit)
                        {
                            limiter.Global.BlockFor(retryAfter);
                        }
                        else
                        {
                            bucket.BlockFor(retryAfter, _time.GetUtcNow());
                        }
                        continue;
                    }
                    if ((int)response.StatusCode >= 500)
                    {
                        if (++failures >= retry.MaxAttempts)
                        {
                            throw new DiscordApiException(route.ToString(), response.StatusCode, 0, $"server error after {failures} attempts");
                        }
                        var wait = retry.Backoff(failures);
                        LogServerErrorRetry(route.ToString(), (int)response.StatusCode, failures, wait.TotalSeconds);
                        await Task.Delay(wait, _time, cancellationToken);
                        continue;
                    }
                    var error = await ReadAsync(response, DiscordJsonContext.Default.DiscordErrorBody, cancellationToken);
                    throw new DiscordApiException(route.ToString(), response.StatusCode, error?.Code ?? 0,
                        error?.Message ?? response.ReasonPhrase ?? "request refused", DiscordErrorSummary.Summarise(error?.Errors));
                }
            }
            finally
            {
                held.Gate.Release();
            }
        }
    }

    private HttpRequestMessage BuildRequest(DiscordRoute route, byte[]? body)
    {
        var request = new HttpRequestMessage(route.Method, new Uri(_baseAddress, route.Path.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("User-Agent", DiscordUserAgent.Value);
        if (route.UsesBotToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.Token);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    /// <summary>An error body, or null when it is not Discord's JSON (a proxy's HTML page, say).</summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Connection failures and HttpClient's own timeout, but not the caller's cancellation.</summary>
    private static bool IsNetworkFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord {Route}: bucket exhausted, waiting {Seconds:F3} s for its reset")]
    private partial void LogWaitingForBucket(string route, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: rate limited for {Seconds:F3} s (global: {Global}, scope: {Scope})")]
    private partial void LogRateLimited(string route, double seconds, bool global, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: HTTP {Status} on attempt {Attempt}, retrying in {Seconds:F3} s")]
    private partial void LogServerErrorRetry(string route, int status, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: {Error} on attempt {Attempt}, retrying in {Seconds:F3} s")]
    private partial void LogNetworkRetry(string route, int attempt, double seconds, string error);
}
