using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Embeddings;

/// <summary>
/// Keeps the store's vectors complete in the background of <c>serve</c>: at start (a new or switched
/// model re-embeds the store) and whenever something new was ingested. Search meanwhile uses the
/// vectors that exist, and BM25 covers the rest.
/// </summary>
public sealed partial class EmbeddingBackfillService(PaperEmbedder embedder, EmbeddingBackfillSignal signal, ILogger<EmbeddingBackfillService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await embedder.EmbedMissingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(exception);
            }
            await signal.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding papers failed; will try again after the next ingest")]
    private partial void LogFailed(Exception exception);
}

/// <summary>Wakes the backfill when papers were added.</summary>
public sealed class EmbeddingBackfillSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled; one wake-up covers every paper added since.
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _pending.WaitAsync(cancellationToken);
}
