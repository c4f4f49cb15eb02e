using System.Numerics.Tensors;

namespace Bot.Search;

/// <summary>
/// Every stored vector of one model, in memory, searched exhaustively (exact top-k over the codes, no
/// approximate index). Vectors are L2-normalised on the way in, so a dot product is the cosine
/// similarity, and kept as int8 codes with one scale per vector: a million 512-d vectors take 0.5 GB
/// instead of 2, the scan reads a quarter of the bytes (it is bound by memory), and a cosine moves by a
/// few thousandths at most (tests bound it; docs/benchmarks.md shows the dev-set ranking unchanged).
/// Chunks grow without copying what is loaded.
/// </summary>
public sealed class VectorIndex
{
    private const int ChunkVectors = 16_384;
    private const int ScanVectors = 4_096; // one parallel work item: small enough to balance two cores at 100k vectors
    private const int PrefetchVectors = 8;  // how far ahead the scan asks for memory (4 KiB at 512 dimensions)

    private readonly List<sbyte[]> _chunks = [];    // each [ChunkVectors × Dimensions] int8 codes
    private readonly List<float[]> _scales = [];    // each [ChunkVectors]: value ≈ code × scale
    private readonly List<long[]> _rowIds = [];     // each [ChunkVectors]
    private readonly Dictionary<long, int> _slotOfRowId = [];
    private readonly ReaderWriterLockSlim _lock = new();

    public VectorIndex(string modelId, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ModelId = modelId;
        Dimensions = dimensions;
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    public int Count { get; private set; }

    public long MaxRowId { get; private set; }

    public long MemoryBytes => (long)_chunks.Count * ChunkVectors * (Dimensions + sizeof(float) + sizeof(long));

    public void Add(long rowId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions; the index for {ModelId} holds {Dimensions}.", nameof(vector));
        }
        Span<float> normalized = Dimensions <= 2048 ? stackalloc float[Dimensions] : new float[Dimensions];
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, normalized);
        }
        else
        {
            normalized.Clear();
        }

        _lock.EnterWriteLock();
        try
        {
            if (!_slotOfRowId.TryGetValue(rowId, out var slot))
            {
                slot = Count;
                if (slot / ChunkVectors == _chunks.Count)
                {
                    _chunks.Add(new sbyte[ChunkVectors * Dimensions]);
                    _scales.Add(new float[ChunkVectors]);
                    _rowIds.Add(new long[ChunkVectors]);
                }
                _slotOfRowId[rowId] = slot;
                _rowIds[slot / ChunkVectors][slot % ChunkVectors] = rowId;
                Count++;
                MaxRowId = Math.Max(MaxRowId, rowId);
            }
            var codes = _chunks[slot / ChunkVectors].AsSpan(slot % ChunkVectors * Dimensions, Dimensions);
            _scales[slot / ChunkVectors][slot % ChunkVectors] = Int8Dot.Quantize(normalized, codes);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The <paramref name="k"/> most similar vectors to <paramref name="query"/>, best first.</summary>
    /// <param name="allowed">When not null, only these rowids may be returned.</param>
    public IReadOnlyList<ScoredPaper> Search(ReadOnlySpan<float> query, int k, IReadOnlySet<long>? allowed = null)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions; the index for {ModelId} holds {Dimensions}.", nameof(query));
        }
        var norm = TensorPrimitives.Norm(query);
        var codes = new sbyte[Dimensions];
        var queryScale = 0f;
        if (norm > 0 && float.IsFinite(norm))
        {
            var unit = new float[Dimensions];
            TensorPrimitives.Divide(query, norm, unit);
            queryScale = Int8Dot.Quantize(unit, codes);
        }
        if (k <= 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            var parts = (Count + ScanVectors - 1) / ScanVectors;
            var perPart = new TopK[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, part =>
            {
                perPart[part] = Scan(part * ScanVectors, Math.Min(Count, (part + 1) * ScanVectors), codes, queryScale, k, allowed);
            });
            var merged = new TopK(k);
            foreach (var top in perPart)
            {
                top.MergeInto(merged);
            }
            return merged.ToSortedList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Slots [<paramref name="start"/>, <paramref name="end"/>), all within one chunk (ScanVectors divides ChunkVectors).</summary>
    private TopK Scan(int start, int end, sbyte[] query, float queryScale, int k, IReadOnlySet<long>? allowed)
    {
        var top = new TopK(k);
        var vectors = _chunks[start / ChunkVectors];
        var scales = _scales[start / ChunkVectors];
        var rowIds = _rowIds[start / ChunkVectors];
        var first = start % ChunkVectors;
        for (var slot = first; slot < first + (end - start); slot++)
        {
            if ((slot + PrefetchVectors + 1) * Dimensions <= vectors.Length)
            {
                Int8Dot.Prefetch(vectors.AsSpan((slot + PrefetchVectors) * Dimensions, Dimensions));
            }
            var rowId = rowIds[slot];
            if (allowed is not null && !allowed.Contains(rowId))
            {
                continue;
            }
            top.Offer(rowId, Int8Dot.Dot(vectors.AsSpan(slot * Dimensions, Dimensions), query) * scales[slot] * queryScale);
        }
        return top;
    }

    /// <summary>A bounded min-heap keeping the best k scores seen.</summary>
    private sealed class TopK(int k)
    {
        private readonly PriorityQueue<long, float> _heap = new(k + 1);

        public void Offer(long rowId, float score)
        {
            if (_heap.Count < k)
            {
                _heap.Enqueue(rowId, score);
            }
            else if (_heap.TryPeek(out _, out var worst) && score > worst)
            {
                _heap.DequeueEnqueue(rowId, score);
            }
        }

        public void MergeInto(TopK other)
        {
            foreach (var (rowId, score) in _heap.UnorderedItems)
            {
                other.Offer(rowId, score);
            }
        }

        public List<ScoredPaper> ToSortedList() =>
            _heap.UnorderedItems.Select(item => new ScoredPaper(item.Element, item.Priority))
                .OrderByDescending(s => s.Score).ThenBy(s => s.RowId).ToList();
    }
}
