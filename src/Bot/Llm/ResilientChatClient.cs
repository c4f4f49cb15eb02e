using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Llm;

/// <summary>
/// Timeouts and retries around a chat client, on the injected clock: each attempt may take
/// <paramref name="timeout"/> (a stream: that long for each next update); a transient failure is
/// retried up to <paramref name="maxRetries"/> times after <see cref="RetryDelays"/>. A stream is
/// retried only before its first update, since the caller may already have shown that text.
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
            var stream = base.GetStreamingResponseAsync(list, options, linked.Token).GetAsyncEnumerator(linked.Token);
            var started = false;
            Exception? failed = null;
            string? failure = null;
            try
            {
                while (true)
                {
                    ChatResponseUpdate update;
                    try
                    {
                        if (!await stream.MoveNextAsync())
                        {
                            yield break;
                        }
                        update = stream.Current;
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested && Classify(exception, deadline) is { } reason)
                    {
                        failed = exception;
                        failure = reason;
                        break;
                    }
                    started = true;
                    // The timeout is for silence: each update restarts it.
                    deadline.CancelAfter(timeout);
                    yield return update;
                }
            }
            finally
            {
                await stream.DisposeAsync();
            }
            if (started)
            {
                throw new LanguageModelException(failure + " while streaming", failed);
            }
            await WaitOrThrowAsync(attempt, failure!, failed!, cancellationToken);
        }
    }

    /// <summary>A short reason for a failure worth handling here, or null to let it pass (the caller cancelled).</summary>
    private static string? Classify(Exception exception, CancellationTokenSource deadline) => exception switch
    {
        OperationCanceledException when deadline.IsCancellationRequested => "timed out",
        OperationCanceledException => null,
        System.ClientModel.ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
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
