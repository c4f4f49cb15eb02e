using System.Collections.Concurrent;
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
        if (vectors is not null && dimensions > 0)
        {
            // int8 codes for the scans every ranking makes (a quarter of the bytes); a cosine moves by a few thousandths.
            var codes = new sbyte[vectors.Length];
            _scales = new float[papers.Count];
            for (var i = 0; i < papers.Count; i++)
            {
                _scales[i] = Search.Int8Dot.Quantize(Vector(i), codes.AsSpan(i * dimensions, dimensions));
            }
            _rows = Int8Rows.Encode(codes, dimensions);
        }
    }

    private readonly Int8Rows? _rows;
    private readonly float[]? _scales;
    private readonly ConcurrentDictionary<double, RecencyPrior> _recency = new();
    private readonly ConcurrentBag<ScoreBoard> _boards = [];

    public IReadOnlyList<CandidatePaper> Papers { get; }

    public int Count => Papers.Count;

    public int Dimensions { get; }

    /// <summary>Unit vectors, row-major [Count × Dimensions]; null without a model.</summary>
    public float[]? Vectors { get; }

    public bool HasVectors => Vectors is not null && Dimensions > 0;

    public LexicalIndex Lexical { get; }

    /// <summary>The kernel the vector scans run on this CPU (null without vectors): benchmarks report it.</summary>
    internal Int8Kernel? ScanKernel => _rows?.Kernel;

    /// <summary>The largest code the scans' queries are quantized to (<see cref="Int8Scan.QueryLimit"/> of this CPU's kernel).</summary>
    internal int QueryCodeLimit => _rows is null ? 127 : Int8Scan.QueryLimit(_rows.Kernel);

    public IReadOnlyDictionary<long, int> IndexOf { get; }

    /// <summary>The newest digest date among the candidates: the recency prior counts age from it.</summary>
    public DateOnly Newest { get; }

    /// <summary>The recency prior for a half-life, computed on first use and shared by every ranking over this pool.</summary>
    internal RecencyPrior Recency(double halfLifeDays) => _recency.GetOrAdd(halfLifeDays, h => RecencyPrior.Of(this, h));

    public ReadOnlySpan<float> Vector(int index) => Vectors.AsSpan(index * Dimensions, Dimensions);

    /// <summary>Cosine of every candidate with a unit vector <paramref name="query"/> into <paramref name="into"/>.</summary>
    public void Cosines(ReadOnlySpan<float> query, Span<double> into)
    {
        for (var i = 0; i < Count; i++)
        {
            into[i] = TensorPrimitives.Dot(Vector(i), query);
        }
    }

    /// <summary>
    /// Cosines of the candidates with each of <paramref name="queries"/> (unit vectors), in one pass over
    /// the pool: a block of candidates' rows is read once for all queries while it sits in the cache,
    /// rather than the whole pool (megabytes) once per query. Memory traffic, not arithmetic, bounds a
    /// pass with few queries, so a daily run passes several users' vectors at once.
    /// </summary>
    /// <param name="only">When set, only these candidates are scored, in this order; else all.</param>
    /// <param name="into">Query q's cosine with the k-th candidate scored at [q × <paramref name="stride"/> + k].</param>
    /// <param name="bounds">Query q's lowest and highest cosine in each block of the scan (see <see cref="Int8Scan.Dots"/>).</param>
    internal void Cosines(IReadOnlyList<float[]> queries, int[]? only, float[] into, int stride, float[] bounds)
    {
        var codes = new sbyte[queries.Count * Dimensions];
        var scales = new float[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            scales[q] = Search.Int8Dot.Quantize(queries[q], codes.AsSpan(q * Dimensions, Dimensions), QueryCodeLimit);
        }
        Int8Scan.Dots(_rows!, _scales!, codes, scales, into, stride, only, bounds);
    }

    /// <summary>Working arrays for one ranking at a time, kept between rankings (a daily run would otherwise allocate pool-sized arrays per user).</summary>
    internal ScoreBoard RentBoard() => _boards.TryTake(out var board) ? board : new ScoreBoard(this);

    internal void Return(ScoreBoard board)
    {
        // Enough for every core to rank at once; a burst of concurrent rankings does not keep its boards (tens of megabytes each over a large pool).
        if (_boards.Count < Environment.ProcessorCount)
        {
            _boards.Add(board);
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
