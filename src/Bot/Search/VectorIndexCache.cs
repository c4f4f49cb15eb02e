using Bot.Store;
using Microsoft.Extensions.Logging;

namespace Bot.Search;

/// <summary>
/// Keeps the in-memory <see cref="VectorIndex"/> of a model in step with the store: the store's
/// generation counter says when something was written, and only vectors written since are read.
/// The store stays the source of truth; this is a cache two instances can each rebuild.
/// </summary>
public sealed partial class VectorIndexCache(PaperStore papers, EmbeddingStore embeddings, ILogger<VectorIndexCache> logger)
{
    private readonly Lock _gate = new();
    private VectorIndex? _index;
    private long _generation = -1;

    /// <returns>The index, or null when the store has no vectors of this model.</returns>
    public VectorIndex? Get(string modelId)
    {
        lock (_gate)
        {
            var generation = papers.Generation();
            var sameModel = _index?.ModelId == modelId;
            if (sameModel && generation == _generation)
            {
                return _index;
            }
            // Read only the vectors written since the last load (each row carries the generation that
            // wrote it); a replaced vector overwrites its slot in the index.
            var index = sameModel ? _index : null;
            var after = sameModel ? _generation : -1;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            embeddings.ReadVectors(modelId, after, (rowId, vector) =>
            {
                index ??= new VectorIndex(modelId, vector.Length);
                index.Add(rowId, vector);
            });
            _index = index;
            _generation = generation;
            if (index is not null)
            {
                LogLoaded(modelId, index.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return index;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Vector index for {ModelId} holds {Count} vectors (refreshed in {Milliseconds:F0} ms)")]
    private partial void LogLoaded(string modelId, int count, double milliseconds);
}
