using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Llm;

/// <summary>
/// Timeouts and retries around a chat client, on the injected clock: each attempt may take
/// <paramref name="timeout"/> (a stream: that long for each next update); a transient failure is
/// retried up to <paramref name="maxRetries"/> times after <see cref="RetryDelays"/>. A stream is
/// retried only before its first update, since the caller may already have shown that text, and a
/// stream that ends without a finish reason failed (it was cut off, or was not a chat stream at all).
/// Every final failure is a <see cref="LanguageModelException"/>.
/// </summary>
public sealed partial class ResilientChatClient(
    IChatClient inner,
    TimeProvider clock,
    RetryDelays delays,
    TimeSpan timeout,
    int maxRetries,
    ILogger<ResilientChatClient> logger) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                return await base.GetResponseAsync(list, options, linked.Token);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Classify(exception, deadline) is { } failure)
            {
                await WaitOrThrowAsync(attempt, failure, exception, cancellationToken);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            var started = false;
            var finished = false;
            Exception? failed = null;
            string? failure = null;
            await foreach (var step in base.GetStreamingResponseAsync(list, options, linked.Token)
                .Catching(exception => !cancellationToken.IsCancellationRequested && (failure = Classify(exception, deadline)) is not null))
            {
                if (step.Failure is { } exception)
                {
                    failed = exception;
                    break;
                }
                started = true;
                finished |= step.Item.FinishReason is not null;
                // The timeout is for silence: each update restarts it.
                deadline.CancelAfter(timeout);
                yield return step.Item;
            }
            if (failed is null)
            {
                if (finished)
                {
                    yield break;
                }
                // Every OpenAI-compatible stream says why it ended (stop, length, tool_calls). One that just
                // stops was cut off, or was never such a stream (an HTML error page, broken JSON): its events
                // were skipped unread, and whatever did arrive may be half an answer.
                failure = InvalidResponse;
                failed = new InvalidDataException("The stream ended without a finish reason.");
            }
            if (started)
            {
                throw new LanguageModelException(failure + " while streaming", failed);
            }
            await WaitOrThrowAsync(attempt, failure!, failed!, cancellationToken);
        }
    }

    /// <summary>The endpoint answered, but not with a chat completion: not "could not be reached", and no retry will mend it.</summary>
    public const string InvalidResponse = "the model endpoint sent an invalid response";

    /// <summary>A short reason for a failure worth handling here, or null to let it pass (the caller cancelled).</summary>
    private static string? Classify(Exception exception, CancellationTokenSource deadline) => exception switch
    {
        OperationCanceledException when deadline.IsCancellationRequested => "timed out",
        OperationCanceledException => null,
        System.ClientModel.ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
        System.Text.Json.JsonException or InvalidDataException => InvalidResponse,
        _ => "the endpoint could not be reached",
    };

    private async Task WaitOrThrowAsync(int attempt, string failure, Exception exception, CancellationToken cancellationToken)
    {
        var transient = exception is OperationCanceledException || RetryDelays.IsTransient(exception);
        if (!transient || attempt >= maxRetries)
        {
            LogGaveUp(failure, attempt + 1);
            throw new LanguageModelException(failure, exception);
        }
        var delay = delays.Next(attempt, exception);
        LogRetrying(failure, attempt + 1, delay.TotalSeconds);
        await Task.Delay(delay, clock, cancellationToken);
    }

    // Only the reason and counts are logged: a server's error text may echo part of the key.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model request failed ({Failure}), attempt {Attempt}; retrying in {DelaySeconds:F1} s")]
    private partial void LogRetrying(string failure, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model request failed ({Failure}) after {Attempts} attempts")]
    private partial void LogGaveUp(string failure, int attempts);
}
