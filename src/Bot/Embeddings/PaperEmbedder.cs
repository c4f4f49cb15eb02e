using Bot.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>Gives every stored paper a vector from the active model, in batches, resumable at any point.</summary>
public sealed partial class PaperEmbedder(
    ActiveEmbeddingModel model, EmbeddingStore embeddings, IOptions<EmbeddingOptions> options, ILogger<PaperEmbedder> logger)
{
    /// <returns>How many papers got a vector.</returns>
    public async Task<int> EmbedMissingAsync(CancellationToken cancellationToken)
    {
        if (model.Generator is not { } generator || model.ModelId is not { } modelId)
        {
            return 0;
        }
        var total = 0;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            var batch = embeddings.PapersWithoutVectors(modelId, batchSize);
            if (batch.Count == 0)
            {
                break;
            }
            var texts = batch.Select(p => ActiveEmbeddingModel.PaperText(p.Title, p.Abstract)).ToList();
            var vectors = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
            if (vectors.Count != batch.Count)
            {
                throw new InvalidOperationException($"The embedding model {modelId} returned {vectors.Count} vectors for {batch.Count} texts.");
            }
            embeddings.Write(modelId, batch.Select((p, i) => (p.RowId, vectors[i].Vector.ToArray())).ToList());
            total += batch.Count;
            LogProgress(modelId, total);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded {Count} papers with {ModelId}")]
    private partial void LogProgress(string modelId, int count);
}
