using Bot.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>
/// Gives every stored paper a vector from the active model, in batches, resumable at any point: the
/// store says which papers still lack one, so a restart or a model switch simply continues.
/// </summary>
public sealed partial class PaperEmbedder(
    ActiveEmbeddingModel model, EmbeddingStore embeddings, PaperStore papers, IOptions<EmbeddingOptions> options, ILogger<PaperEmbedder> logger,
    EmbeddingProgress? progress = null)
{
    // One run at a time: the inbox and the background backfill would otherwise embed the same papers.
    private readonly SemaphoreSlim _single = new(1, 1);

    /// <returns>How many papers got a vector.</returns>
    public async Task<int> EmbedMissingAsync(CancellationToken cancellationToken)
    {
        if (model.Generator is not { } generator || model.ModelId is not { } modelId)
        {
            return 0;
        }
        await _single.WaitAsync(cancellationToken);
        try
        {
            var missing = papers.PaperCount() - embeddings.Count(modelId);
            if (missing <= 0)
            {
                return 0;
            }
            LogStarting(modelId, missing);
            var done = 0;
            var batchSize = Math.Max(1, options.Value.BatchSize);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (true)
            {
                var batch = embeddings.PapersWithoutVectors(modelId, batchSize);
                if (batch.Count == 0)
                {
                    break;
                }
                var texts = batch.Select(p => model.PaperTexts(p.Title, p.Abstract)).ToList();
                var flat = texts.SelectMany(t => t).Select(w => w.Text).ToList();
                var vectors = await generator.GenerateAsync(flat, cancellationToken: cancellationToken);
                if (vectors.Count != flat.Count)
                {
                    throw new InvalidOperationException($"The embedding model {modelId} returned {vectors.Count} vectors for {flat.Count} texts.");
                }
                var pooled = new List<(long, float[])>(batch.Count);
                var next = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    pooled.Add((batch[i].RowId, PaperVectorizer.Pool(texts[i], vectors.Skip(next).Take(texts[i].Count).Select(v => v.Vector).ToList())));
                    next += texts[i].Count;
                }
                embeddings.Write(modelId, pooled);
                done += batch.Count;
                // Papers ingested while this runs join the work: the total grows with them ("5 of 3" read as a bug).
                missing = Math.Max(missing, done);
                LogProgress(modelId, done, missing, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                progress?.Report(new EmbeddingRun(modelId, done, missing));
            }
            return done;
        }
        finally
        {
            _single.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding {Missing} papers with {ModelId}")]
    private partial void LogStarting(string modelId, long missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Done} of {Missing} papers with {ModelId} ({Seconds:F1} s)")]
    private partial void LogProgress(string modelId, int done, long missing, double seconds);
}
