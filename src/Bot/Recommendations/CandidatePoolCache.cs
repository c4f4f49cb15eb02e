using System.Runtime.InteropServices;
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
    SqliteDatabase database, PaperStore papers, ActiveEmbeddingModel model, IOptions<RecommendationOptions> options)
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
        using var connection = database.Open();
        using var command = PaperStore.Command(connection, """
            SELECT p.rowid, p.id, p.title, p.abstract, p.first_seen, p.last_seen,
                   (SELECT url FROM links l WHERE l.paper_rowid = p.rowid ORDER BY l.rowid LIMIT 1),
                   (SELECT vector FROM embeddings e WHERE e.model_id = $model AND e.paper_rowid = p.rowid)
            FROM papers p ORDER BY p.last_seen DESC, p.rowid DESC LIMIT $limit
            """, "$model", "$limit");
        PaperStore.Bind(command, (object?)modelId ?? DBNull.Value, max);
        using var reader = command.ExecuteReader();
        var rows = new List<CandidatePaper>();
        var vectors = new List<float[]?>();
        while (reader.Read())
        {
            rows.Add(new CandidatePaper(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                PaperStore.ParseDate(reader.GetString(4)), PaperStore.ParseDate(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
            vectors.Add(reader.IsDBNull(7) ? null : MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(7)).ToArray());
        }
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
    public IReadOnlyDictionary<long, (string Title, string Abstract)> Texts(IEnumerable<long> rowIds)
    {
        using var connection = database.Open();
        using var command = PaperStore.Command(connection, "SELECT title, abstract FROM papers WHERE rowid = $rowid", "$rowid");
        var texts = new Dictionary<long, (string, string)>();
        foreach (var rowId in rowIds.Distinct())
        {
            PaperStore.Bind(command, rowId);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                texts[rowId] = (reader.GetString(0), reader.GetString(1));
            }
        }
        return texts;
    }
}
