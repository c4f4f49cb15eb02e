using System.Numerics.Tensors;

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
    private float[] _bounds = [];

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
    /// Scores every vector of a batch of rankings against the domain in one pass (see <see cref="CandidatePool.Cosines(IReadOnlyList{float[]}, int[], float[], int)"/>);
    /// each ranking then reads its own rows.
    /// </summary>
    public void Scan(IReadOnlyList<float[]> vectors)
    {
        if (vectors.Count == 0 || !pool.HasVectors)
        {
            return;
        }
        Grow(ref _cosines, vectors.Count * Count);
        Grow(ref _bounds, 2 * vectors.Count);
        pool.Cosines(vectors, Domain.Indexes, _cosines, Count, _bounds);
    }

    /// <summary>
    /// Starts one profile's ranking: totals cleared, its excluded papers closed. <paramref name="userRows"/>
    /// are the scan rows holding this profile's vectors (first, count): their bounds become the open
    /// candidates' (the scan's, unless a closed candidate holds the lowest or highest cosine).
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
        var open = Array.IndexOf(_isClosed, false, 0, Count);
        if (open < 0)
        {
            return false;
        }
        for (var q = userRows.First; q < userRows.First + userRows.Count; q++)
        {
            var row = _cosines.AsSpan(q * Count, Count);
            if (ClosedAtBounds(row, _bounds[2 * q], _bounds[2 * q + 1]))
            {
                // Rare: a closed candidate is this query's extreme. It takes an open one's cosine (it is never picked), and the bounds are found again.
                foreach (var k in _closed)
                {
                    row[k] = row[open];
                }
                (_bounds[2 * q], _bounds[2 * q + 1]) = (TensorPrimitives.Min(row), TensorPrimitives.Max(row));
            }
        }
        return true;
    }

    private bool ClosedAtBounds(ReadOnlySpan<float> row, float min, float max)
    {
        foreach (var k in _closed)
        {
            if (row[k] <= min || row[k] >= max)
            {
                return true;
            }
        }
        return false;
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
            // Most candidates lose to the heap's weakest: compare the score before reading the paper or touching the heap.
            if (_total[k] < weakest || _isClosed[k])
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
