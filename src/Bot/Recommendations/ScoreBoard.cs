using System.Numerics;
using System.Runtime.Intrinsics;

namespace Bot.Recommendations;

/// <summary>
/// One ranking's running scores over the candidates that can be scored (the <see cref="Domain"/>): each
/// candidate's total, its largest single contribution and the reason that came with it, and which are
/// closed to this profile. Signals add into it (<see cref="ScoreBoard.Lexical"/>, <see cref="Vector"/>, ...);
/// <see cref="Top"/> reads the best out. Its arrays are kept between rankings (see <see cref="CandidatePool.RentBoard"/>):
/// a daily run ranks thousands of users against one pool.
/// </summary>
/// <remarks>
/// Arrays indexed by slot k are the domain's k-th candidate. Reasons are indexes into one list of
/// sentences: a reference per candidate and signal would cost a GC write barrier each.
/// </remarks>
internal sealed partial class ScoreBoard(CandidatePool pool)
{
    private readonly List<string> _texts = [];
    private readonly List<int> _closed = [];
    private readonly List<int> _touched = [];
    private readonly List<int> _matched = [];
    private double[] _total = [];
    private double[] _best = [];
    private long[] _reasonOf = [];
    private bool[] _isClosed = [];
    private double[] _lexical = [];
    private double[] _sum = [];
    private double[] _signal = [];
    private long[] _bestQuery = [];
    private readonly List<double[]> _lexicalRows = [];
    private double[] _scaled = [];
    private long[] _nearest = [];
    private long[] _nearestKept = [];
    private float[] _cosines = [];
    private SignalScale?[] _scales = [];
    private float[] _blockBounds = [];
    private bool[] _blockHasClosed = [];

    public CandidatePool Pool => pool;

    /// <summary>The candidates this board scores: the whole pool, or a daily post's new papers.</summary>
    public CandidateDomain Domain { get; private set; } = CandidateDomain.Whole(pool);

    private int Count => Domain.Count;

    /// <summary>Scores only the candidates among <paramref name="among"/> (all when null), for every ranking until the next call.</summary>
    public void Restrict(IReadOnlySet<long>? among)
    {
        // The whole pool is kept from one batch to the next (with its recency prior); a set is read again, as it may have changed.
        if (among is not null || Domain.Indexes is not null)
        {
            Domain = among is null ? CandidateDomain.Whole(pool) : CandidateDomain.Among(pool, among);
        }
        Grow(ref _total, Count);
        Grow(ref _best, Count);
        Grow(ref _reasonOf, Count);
        Grow(ref _isClosed, Count);
        Grow(ref _sum, Count);
        Grow(ref _signal, Count);
        Grow(ref _bestQuery, Count);
        Grow(ref _scaled, Count);
        Grow(ref _nearest, Count);
        Grow(ref _nearestKept, Count);
        Grow(ref _lexical, pool.Count);
    }

    /// <summary>
    /// Scores every vector of a batch of rankings against the domain in one pass (see <see cref="CandidatePool.Cosines(IReadOnlyList{float[]}, int[], float[], int, float[])"/>);
    /// each ranking then reads its own rows.
    /// </summary>
    public void Scan(IReadOnlyList<float[]> vectors)
    {
        if (vectors.Count == 0 || !pool.HasVectors)
        {
            return;
        }
        Grow(ref _cosines, vectors.Count * Count);
        Grow(ref _scales, vectors.Count);
        Grow(ref _blockBounds, 2 * vectors.Count * Int8Scan.Blocks(Count));
        pool.Cosines(vectors, Domain.Indexes, _cosines, Count, _blockBounds);
    }

    /// <summary>
    /// Starts one profile's ranking: totals cleared, its excluded papers closed. <paramref name="userRows"/>
    /// are the scan rows holding this profile's vectors (first, count): each gets its scale over the open
    /// candidates (see <see cref="OpenScale"/>).
    /// </summary>
    /// <returns>False when no candidate is open.</returns>
    public bool Begin(IEnumerable<long> excluded, (int First, int Count) userRows)
    {
        foreach (var k in _closed)
        {
            _isClosed[k] = false;
        }
        _closed.Clear();
        _texts.Clear();
        Array.Clear(_total, 0, Count);
        Array.Clear(_best, 0, Count);
        Array.Fill(_reasonOf, -1, 0, Count);
        foreach (var rowId in excluded)
        {
            if (pool.IndexOf.TryGetValue(rowId, out var i) && Domain.SlotOf(i) is var k and >= 0 && !_isClosed[k])
            {
                _isClosed[k] = true;
                _closed.Add(k);
            }
        }
        if (_closed.Count == Count)
        {
            return false;
        }
        var blocks = Int8Scan.Blocks(Count);
        Grow(ref _blockHasClosed, blocks);
        Array.Clear(_blockHasClosed, 0, blocks);
        foreach (var k in _closed)
        {
            _blockHasClosed[k / Int8Scan.BlockRows] = true;
        }
        for (var q = userRows.First; q < userRows.First + userRows.Count; q++)
        {
            _scales[q] = OpenScale<float>(_cosines.AsSpan(q * Count, Count), RowSums(q), OpenMax(q, blocks));
        }
        return true;
    }

    /// <summary>
    /// A scan row's highest cosine among the open candidates, from the scan's per-block bounds: only the
    /// blocks holding a closed candidate are read again (a liked paper is always its own vector's highest
    /// cosine, and it is closed).
    /// </summary>
    private float OpenMax(int q, int blocks)
    {
        var max = float.NegativeInfinity;
        for (var b = 0; b < blocks; b++)
        {
            if (!_blockHasClosed[b])
            {
                max = Math.Max(max, _blockBounds[2 * (q * blocks + b) + 1]);
                continue;
            }
            for (var k = b * Int8Scan.BlockRows; k < Math.Min(Count, (b + 1) * Int8Scan.BlockRows); k++)
            {
                if (!_isClosed[k])
                {
                    max = Math.Max(max, _cosines[q * Count + k]);
                }
            }
        }
        return max;
    }

    /// <summary>
    /// The scale of one signal's values by slot (a scan row's cosines, a query's BM25) over the open
    /// candidates, from the values' sum and sum of squares over every slot (less the closed ones' here)
    /// and the highest open value.
    /// </summary>
    private SignalScale? OpenScale<T>(ReadOnlySpan<T> values, (double Sum, double Squares) all, double openMax) where T : unmanaged, INumber<T>
    {
        var (sum, squares) = all;
        foreach (var k in _closed)
        {
            var value = double.CreateTruncating(values[k]);
            (sum, squares) = (sum - value, squares - value * value);
        }
        return SignalScale.Of(sum, squares, Count - _closed.Count, openMax);
    }

    /// <summary>Adds sentences a contribution can cite; returns the first one's reason number.</summary>
    public int Reasons(IEnumerable<string> sentences)
    {
        var first = _texts.Count;
        _texts.AddRange(sentences);
        return first;
    }

    /// <summary>One candidate's contribution, by its index in the pool (ignored outside the domain).</summary>
    public void Add(int poolIndex, double weight, double value, int reason)
    {
        if (Domain.SlotOf(poolIndex) is var k and >= 0)
        {
            Contribute(k, weight * value, reason);
        }
    }

    private void Contribute(int k, double contribution, long reason)
    {
        _total[k] += contribution;
        if (contribution > _best[k])
        {
            _best[k] = contribution;
            _reasonOf[k] = reason;
        }
    }

    /// <summary>Only the best few are needed: a bounded min-heap instead of sorting the pool. Ties go to the newer paper.</summary>
    public List<RankedCandidate> Top(int keep)
    {
        var top = new PriorityQueue<int, (double Score, long RowId)>(keep + 1);
        var weakest = double.NegativeInfinity;
        for (var k = 0; k < Count; k++)
        {
            // Most candidates lose to the heap's weakest: eight scores compared at once, then one, before reading the paper or touching the heap.
            while (k + Vector512<double>.Count <= Count && Vector512.LessThanAll(Vector512.LoadUnsafe(ref _total[k]), Vector512.Create(weakest)))
            {
                k += Vector512<double>.Count;
            }
            if (k == Count || _total[k] < weakest || _isClosed[k])
            {
                continue;
            }
            var rowId = pool.Papers[Domain.Index(k)].RowId;
            if (top.Count == keep && top.TryPeek(out _, out var floor) && (_total[k] == floor.Score && rowId <= floor.RowId))
            {
                continue;
            }
            top.Enqueue(k, (_total[k], rowId));
            if (top.Count > keep)
            {
                top.Dequeue();
            }
            if (top.Count == keep && top.TryPeek(out _, out floor))
            {
                weakest = floor.Score;
            }
        }
        var ranked = new List<RankedCandidate>(top.Count);
        while (top.TryDequeue(out var k, out _))
        {
            ranked.Add(new RankedCandidate(Domain.Index(k), _total[k], _reasonOf[k] >= 0 ? _texts[(int)_reasonOf[k]] : "New in the digests"));
        }
        ranked.Reverse();
        return ranked;
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[length];
        }
    }
}
