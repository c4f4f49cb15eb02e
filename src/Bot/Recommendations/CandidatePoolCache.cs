using Bot.Embeddings;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Recommendations;

/// <summary>
/// Loads the candidate papers (the newest <see cref="RecommendationOptions.MaxCandidates"/> by their
/// latest digest) with their vectors, and keeps them until the store's generation moves: a daily run
/// ranks every user against one pool. The store stays the source of truth.
/// </summary>
public sealed class CandidatePoolCache(
    CandidateStore store, PaperStore papers, ActiveEmbeddingModel model, IOptions<RecommendationOptions> options)
{
    private readonly Lock _gate = new();
    private (long Generation, string? ModelId, int Max, CandidatePool Pool)? _cached;

    public CandidatePool Get()
    {
        lock (_gate)
        {
            var generation = papers.Generation();
            var modelId = model.ModelId;
            var max = options.Value.MaxCandidates;
            if (_cached is { } cached && cached.Generation == generation && cached.ModelId == modelId && cached.Max == max)
            {
                return cached.Pool;
            }
            var pool = Load(modelId, max);
            _cached = (generation, modelId, max, pool);
            return pool;
        }
    }

    private CandidatePool Load(string? modelId, int max)
    {
        var (rows, vectors) = store.Newest(modelId, max);
        // Vectors only when every candidate has one (the backfill may still be running); a part-embedded
        // pool would favour the embedded papers, so until then the ranking is lexical.
        var dimensions = vectors.Count > 0 && vectors.All(v => v is not null && v.Length == vectors[0]!.Length) ? vectors[0]!.Length : 0;
        float[]? flat = null;
        if (dimensions > 0)
        {
            flat = new float[rows.Count * dimensions];
            for (var i = 0; i < rows.Count; i++)
            {
                var target = flat.AsSpan(i * dimensions, dimensions);
                vectors[i].AsSpan().CopyTo(target);
                var norm = System.Numerics.Tensors.TensorPrimitives.Norm(target);
                if (norm > 0)
                {
                    System.Numerics.Tensors.TensorPrimitives.Divide(target, norm, target);
                }
            }
        }
        return new CandidatePool(rows, dimensions, flat);
    }

    /// <summary>Titles and abstracts of papers that may lie outside the pool (an old liked paper).</summary>
    public IReadOnlyDictionary<long, (string Title, string Abstract)> Texts(IEnumerable<long> rowIds) => store.Texts(rowIds);
}
