namespace Bot.Recommendations;

/// <summary>
/// The candidates a ranking scores, as slots 0..Count-1: the whole pool (slot = index), or only the
/// papers a daily post may pick from (their pool indexes in pool order). Every per-candidate array of a
/// ranking is indexed by slot, so a ranking among 1,000 new papers touches 1,000 entries, not the pool's.
/// </summary>
internal sealed class CandidateDomain
{
    private readonly int[]? _slotOf;

    private CandidateDomain(int count, int[]? indexes, int[]? slotOf, double[] recency, long[] recencyReason)
    {
        Count = count;
        Indexes = indexes;
        _slotOf = slotOf;
        Recency = recency;
        RecencyReason = recencyReason;
    }

    public int Count { get; }

    /// <summary>Each slot's index in the pool; null for the whole pool.</summary>
    public int[]? Indexes { get; }

    /// <summary>The recency prior per slot (for the pool's first <see cref="RecommendationOptions.RecencyHalfLifeDays"/> asked), and its reason per slot.</summary>
    public double[] Recency { get; private set; }

    public long[] RecencyReason { get; private set; }

    public int Index(int slot) => Indexes is null ? slot : Indexes[slot];

    /// <summary>The slot of a pool index, or -1 when it is not scored.</summary>
    public int SlotOf(int poolIndex) => _slotOf is null ? poolIndex : _slotOf[poolIndex];

    public static CandidateDomain Whole(CandidatePool pool) => new(pool.Count, null, null, [], []);

    public static CandidateDomain Among(CandidatePool pool, IReadOnlySet<long> among)
    {
        var indexes = new List<int>(Math.Min(among.Count, pool.Count));
        foreach (var rowId in among)
        {
            if (pool.IndexOf.TryGetValue(rowId, out var i))
            {
                indexes.Add(i);
            }
        }
        indexes.Sort();
        var slotOf = new int[pool.Count];
        Array.Fill(slotOf, -1);
        for (var k = 0; k < indexes.Count; k++)
        {
            slotOf[indexes[k]] = k;
        }
        return new CandidateDomain(indexes.Count, [.. indexes], slotOf, [], []);
    }

    /// <summary>The pool's recency prior for these slots (computed once per domain and half-life).</summary>
    public void UseRecency(RecencyPrior prior)
    {
        if (Recency.Length == Count && ReferenceEquals(_recencySource, prior))
        {
            return;
        }
        var values = new double[Count];
        var reasons = new long[Count];
        for (var k = 0; k < Count; k++)
        {
            values[k] = prior.Values[Index(k)];
            reasons[k] = prior.ReasonOf[Index(k)];
        }
        (Recency, RecencyReason, _recencySource) = (values, reasons, prior);
    }

    private RecencyPrior? _recencySource;
}
