using System.Numerics.Tensors;

namespace Bot.Recommendations;

/// <summary>
/// The papers a ranking chooses from, held in memory for many rankings in a row: their display fields,
/// unit vectors of the active model (when there is one), and a BM25 index of their words.
/// </summary>
public sealed class CandidatePool
{
    public CandidatePool(IReadOnlyList<CandidatePaper> papers, int dimensions, float[]? vectors)
    {
        Papers = papers;
        Dimensions = dimensions;
        Vectors = vectors;
        Lexical = new LexicalIndex([.. papers.Select(p => (p.Title, p.Abstract))]);
        var indexOf = new Dictionary<long, int>(papers.Count);
        for (var i = 0; i < papers.Count; i++)
        {
            indexOf[papers[i].RowId] = i;
        }
        IndexOf = indexOf;
        Newest = papers.Count == 0 ? default : papers.Max(p => p.LastSeen);
    }

    public IReadOnlyList<CandidatePaper> Papers { get; }

    public int Count => Papers.Count;

    public int Dimensions { get; }

    /// <summary>Unit vectors, row-major [Count × Dimensions]; null without a model.</summary>
    public float[]? Vectors { get; }

    public bool HasVectors => Vectors is not null && Dimensions > 0;

    public LexicalIndex Lexical { get; }

    public IReadOnlyDictionary<long, int> IndexOf { get; }

    /// <summary>The newest digest date among the candidates: the recency prior counts age from it.</summary>
    public DateOnly Newest { get; }

    public ReadOnlySpan<float> Vector(int index) => Vectors.AsSpan(index * Dimensions, Dimensions);

    /// <summary>Cosine of every candidate with a unit vector <paramref name="query"/> into <paramref name="into"/>.</summary>
    public void Cosines(ReadOnlySpan<float> query, Span<double> into)
    {
        for (var i = 0; i < Count; i++)
        {
            into[i] = TensorPrimitives.Dot(Vector(i), query);
        }
    }

    /// <summary>A copy of <paramref name="vector"/> scaled to unit length (null for a zero vector or a wrong size).</summary>
    public float[]? Unit(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm <= 0 || float.IsNaN(norm))
        {
            return null;
        }
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, unit);
        return unit;
    }
}

/// <summary>A candidate's display fields.</summary>
public sealed record CandidatePaper(long RowId, string PaperId, string Title, string Abstract, DateOnly FirstSeen, DateOnly LastSeen, string? Link);
