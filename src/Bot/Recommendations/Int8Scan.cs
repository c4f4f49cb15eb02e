using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

/// <summary>
/// Dot products of many int8 rows with many int8 queries, the scan every ranking makes over its pool.
/// A kernel (<see cref="Int8Kernel"/>, chosen once per CPU by <see cref="KernelFor"/>) writes each block's
/// integer dots; <see cref="Scan.Cosines"/> turns them into cosines the same way for every kernel.
/// </summary>
/// <remarks>
/// One pass reads 512 bytes a row: over a large pool that is memory-bound unless many queries share each
/// load. So the rows go in blocks small enough to stay in the core's cache while every query (a whole
/// batch of users' vectors) is dotted with them, several rows by several queries at a time in registers.
/// </remarks>
internal static partial class Int8Scan
{
    /// <summary>Rows per cache block: 256 rows of 512 bytes is 128 KiB, well inside L2.</summary>
    public const int BlockRows = 256;

    /// <summary>How many blocks of <see cref="BlockRows"/> a scan of <paramref name="rows"/> rows makes.</summary>
    public static int Blocks(int rows) => (rows + BlockRows - 1) / BlockRows;

    /// <summary>
    /// The kernel for rows of this size on this CPU: the one place that chooses. AVX-VNNI first, as before
    /// (one instruction per 32 byte pairs); then the byte multiply-adds (vpmaddubsw), widest first.
    /// </summary>
    public static Int8Kernel KernelFor(int dimensions) =>
        Supported(Int8Kernel.AvxVnni, dimensions) ? Int8Kernel.AvxVnni
        : Supported(Int8Kernel.Avx512BW, dimensions) ? Int8Kernel.Avx512BW
        : Supported(Int8Kernel.Avx2, dimensions) ? Int8Kernel.Avx2
        : Int8Kernel.PerPair;

    /// <summary>Whether this CPU runs <paramref name="kernel"/> on rows of this size.</summary>
    public static bool Supported(Int8Kernel kernel, int dimensions) => kernel switch
    {
        Int8Kernel.AvxVnni => AvxVnni.IsSupported && dimensions % Vector256<byte>.Count == 0,
        Int8Kernel.Avx512BW => Avx512BW.IsSupported,
        Int8Kernel.Avx2 => Avx2.IsSupported,
        Int8Kernel.PerPair => true,
        _ => false,
    };

    /// <summary>
    /// The largest query code magnitude a kernel takes (<see cref="Search.Int8Dot.Quantize"/>'s limit). The
    /// AVX-512BW and AVX2 kernels' vpmaddubsw adds two byte products in 16 bits with saturation: with rows
    /// shifted to 0..255 two products stay within 32,767 only when the query's codes are within ±63
    /// (2 × 255 × 63 = 32,130), so their queries are coded with 7 bits (a cosine moves by about a thousandth
    /// more; the rows keep 8 bits).
    /// </summary>
    public static int QueryLimit(Int8Kernel kernel) => kernel is Int8Kernel.Avx512BW or Int8Kernel.Avx2 ? 63 : 127;

    /// <summary>
    /// Into <paramref name="into"/>[q × <paramref name="stride"/> + k], the integer dot of row k (or of row
    /// <paramref name="only"/>[k]) with query q (the value <see cref="Search.Int8Dot.Dot"/> gives) times the
    /// row's and the query's scale: the cosine. The rows' kernel computes the dots.
    /// </summary>
    /// <param name="queries">Query q's codes at [q × dimensions], as <see cref="Search.Int8Dot.Quantize"/> writes them, within <see cref="QueryLimit"/>.</param>
    /// <param name="only">When set, only these rows are scanned, in this order; else every row.</param>
    /// <param name="stride">Entries per query in <paramref name="into"/>: at least the rows scanned.</param>
    /// <param name="bounds">
    /// When set, query q's lowest and highest cosine in block b (rows b × <see cref="BlockRows"/> onwards) go to
    /// [2 (q × blocks + b)] and the entry after it: found while writing them, saving a pass over each query.
    /// </param>
    public static void Dots(Int8Rows rows, float[] rowScales, sbyte[] queries, float[] queryScales, float[] into, int stride, int[]? only = null,
        float[]? bounds = null)
    {
        var dimensions = rows.Dimensions;
        var queryCount = queryScales.Length;
        var count = only?.Length ?? rows.Count;
        var blocks = Blocks(count);
        if (stride < count || into.Length < queryCount * stride || bounds?.Length < 2 * queryCount * blocks)
        {
            throw new ArgumentException("the output is too small for the rows and queries", nameof(into));
        }
        if (queries.Length < queryCount * dimensions)
        {
            throw new ArgumentException("fewer query codes than query scales", nameof(queries));
        }
        var limit = QueryLimit(rows.Kernel);
        if (limit < 127 && !WithinLimit(queries.AsSpan(0, queryCount * dimensions), limit))
        {
            throw new ArgumentException($"the {rows.Kernel} kernel takes query codes within ±{limit}", nameof(queries));
        }
        bounds ??= new float[2 * queryCount * blocks];
        for (var b = 0; b < queryCount * blocks; b++)
        {
            (bounds[2 * b], bounds[2 * b + 1]) = (float.PositiveInfinity, float.NegativeInfinity);
        }
        // Shifted rows add 128 × (the query's sum) to every dot; taken off again in Cosines.
        var correction = new int[queryCount];
        for (var q = 0; rows.Shifted && q < queryCount; q++)
        {
            var sum = 0;
            foreach (var code in queries.AsSpan(q * dimensions, dimensions))
            {
                sum += code;
            }
            correction[q] = 128 * sum;
        }
        var scan = new Scan(rows.Codes, dimensions, count, rowScales, queries, queryScales, correction, into, stride, only, bounds, blocks);
        switch (rows.Kernel)
        {
            case Int8Kernel.AvxVnni:
                VnniKernel.Run(scan);
                break;
            case Int8Kernel.Avx512BW:
                Avx512Kernel.Run(scan);
                break;
            case Int8Kernel.Avx2:
                Avx2Kernel.Run(scan);
                break;
            default:
                PerPairKernel.Run(scan);
                break;
        }
    }

    /// <summary>Whether every code lies within ±<paramref name="limit"/> (-128 too is out of it).</summary>
    private static bool WithinLimit(ReadOnlySpan<sbyte> codes, int limit)
    {
        foreach (var code in codes)
        {
            if (code > limit || code < -limit)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The double product the cosine always was (int dot × row scale × query scale), stored as float.</summary>
    private static float Cosine(int dot, int correction, float rowScale, float queryScale) => (float)((dot - correction) * (double)rowScale * queryScale);

    /// <summary>The old fallback: one <see cref="Search.Int8Dot.Dot"/> per row and query, the rows read as they are stored (signed).</summary>
    private static class PerPairKernel
    {
        public static void Run(in Scan scan)
        {
            var signed = MemoryMarshal.Cast<byte, sbyte>(scan.Rows.AsSpan());
            var dimensions = scan.Dimensions;
            for (var start = 0; start < scan.Count; start += BlockRows)
            {
                var end = Math.Min(scan.Count, start + BlockRows);
                for (var k = start; k < end; k++)
                {
                    var row = signed.Slice(scan.Row(k) * dimensions, dimensions);
                    for (var q = 0; q < scan.QueryCount; q++)
                    {
                        scan.Put(q, k, Search.Int8Dot.Dot(row, scan.Queries.AsSpan(q * dimensions, dimensions)));
                    }
                }
                scan.Cosines(start, end);
            }
        }
    }

    /// <summary>One call's rows, queries and outputs, shared by the kernels.</summary>
    private readonly ref struct Scan(byte[] rows, int dimensions, int count, float[] rowScales, sbyte[] queries, float[] queryScales, int[] correction, float[] into,
        int stride, int[]? only, float[] bounds, int blocks)
    {
        public byte[] Rows => rows;

        public int Dimensions => dimensions;

        /// <summary>Rows scanned (the length of <c>only</c> when set).</summary>
        public int Count => count;

        public sbyte[] Queries => queries;

        public int QueryCount => queryScales.Length;

        /// <summary>The stored row the k-th scanned row is.</summary>
        public int Row(int k) => only is null ? k : only[k];

        /// <summary>Where query q's dot with the k-th scanned row goes: its integer bits until <see cref="Cosines"/>.</summary>
        public ref float Into(int q, int k) => ref into[q * stride + k];

        public void Put(int q, int k, int dot) => into[q * stride + k] = BitConverter.Int32BitsToSingle(dot);

        /// <summary>
        /// Asks for scanned rows from..to-1 to be brought into L2, ahead of packing them: the kernels ask for the
        /// next block's rows while they multiply this one's, so packing does not wait on memory.
        /// </summary>
        public unsafe void Prefetch(int from, int to)
        {
            fixed (byte* first = rows)
            {
                for (var k = from; k < to; k++)
                {
                    var row = first + (nint)Row(k) * dimensions;
                    for (var offset = 0; offset < dimensions; offset += 64)
                    {
                        Sse.Prefetch1(row + offset);
                    }
                    Sse.Prefetch1(row + dimensions - 1);
                }
            }
        }

        /// <summary>
        /// Rows start..end-1 of every query, from integer dots (as bits) to cosines: <see cref="Cosine"/> sixteen
        /// (AVX-512) or eight (AVX) lanes at a time in doubles, the same arithmetic as one at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Cosines(int start, int end)
        {
            Span<double> scales = stackalloc double[BlockRows];
            for (var k = start; k < end; k++)
            {
                scales[k - start] = rowScales[Row(k)];
            }
            ref var scale = ref MemoryMarshal.GetReference(scales);
            for (var q = 0; q < queryScales.Length; q++)
            {
                ref var at = ref into[q * stride + start];
                ref var dot = ref Unsafe.As<float, int>(ref at);
                var (count, k) = (end - start, 0);
                var (low, high) = (float.PositiveInfinity, float.NegativeInfinity);
                if (Avx512F.IsSupported && count >= Vector512<float>.Count)
                {
                    var (shift, queryScale) = (Vector512.Create(correction[q]), Vector512.Create((double)queryScales[q]));
                    var (lows, highs) = (Vector512.Create(float.PositiveInfinity), Vector512.Create(float.NegativeInfinity));
                    for (; k + Vector512<float>.Count <= count; k += Vector512<float>.Count)
                    {
                        var dots = Vector512.LoadUnsafe(ref dot, (nuint)k) - shift;
                        var first = Avx512F.ConvertToVector512Double(dots.GetLower()) * Vector512.LoadUnsafe(ref scale, (nuint)k) * queryScale;
                        var second = Avx512F.ConvertToVector512Double(dots.GetUpper()) * Vector512.LoadUnsafe(ref scale, (nuint)k + 8) * queryScale;
                        var cosines = Vector512.Narrow(first, second);
                        cosines.StoreUnsafe(ref at, (nuint)k);
                        (lows, highs) = (Vector512.Min(lows, cosines), Vector512.Max(highs, cosines));
                    }
                    (low, high) = (Lowest(Vector256.Min(lows.GetLower(), lows.GetUpper())), Highest(Vector256.Max(highs.GetLower(), highs.GetUpper())));
                }
                else if (Avx.IsSupported && count >= Vector256<float>.Count)
                {
                    var (shift, queryScale) = (Vector256.Create(correction[q]), Vector256.Create((double)queryScales[q]));
                    var (lows, highs) = (Vector256.Create(float.PositiveInfinity), Vector256.Create(float.NegativeInfinity));
                    for (; k + Vector256<float>.Count <= count; k += Vector256<float>.Count)
                    {
                        var dots = Vector256.LoadUnsafe(ref dot, (nuint)k) - shift;
                        var first = Avx.ConvertToVector256Double(dots.GetLower()) * Vector256.LoadUnsafe(ref scale, (nuint)k) * queryScale;
                        var second = Avx.ConvertToVector256Double(dots.GetUpper()) * Vector256.LoadUnsafe(ref scale, (nuint)k + 4) * queryScale;
                        var cosines = Vector256.Create(Avx.ConvertToVector128Single(first), Avx.ConvertToVector128Single(second));
                        cosines.StoreUnsafe(ref at, (nuint)k);
                        (lows, highs) = (Vector256.Min(lows, cosines), Vector256.Max(highs, cosines));
                    }
                    (low, high) = (Lowest(lows), Highest(highs));
                }
                for (; k < count; k++)
                {
                    var cosine = Cosine(Unsafe.Add(ref dot, k), correction[q], (float)Unsafe.Add(ref scale, k), queryScales[q]);
                    Unsafe.Add(ref at, k) = cosine;
                    (low, high) = (Math.Min(low, cosine), Math.Max(high, cosine));
                }
                var bound = 2 * (q * blocks + start / BlockRows);
                (bounds[bound], bounds[bound + 1]) = (Math.Min(bounds[bound], low), Math.Max(bounds[bound + 1], high));
            }
        }

        private static float Lowest(Vector256<float> v)
        {
            var x = Vector128.Min(v.GetLower(), v.GetUpper());
            x = Vector128.Min(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
            return Math.Min(x[0], x[1]);
        }

        private static float Highest(Vector256<float> v)
        {
            var x = Vector128.Max(v.GetLower(), v.GetUpper());
            x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
            return Math.Max(x[0], x[1]);
        }
    }
}
