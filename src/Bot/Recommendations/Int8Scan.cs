using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

/// <summary>
/// Dot products of many int8 rows with many int8 queries, the scan every ranking makes over its pool.
/// With AVX-VNNI one instruction multiplies 32 byte pairs and adds them up (vpdpbusd); it needs one
/// side unsigned, so the rows are stored shifted by +128 and each query's sum times 128 is taken back
/// off. Without it, <see cref="Search.Int8Dot"/> per pair.
/// </summary>
/// <remarks>
/// One pass reads 512 bytes a row: over a large pool that is memory-bound unless many queries share each
/// load. So the rows go in blocks small enough to stay in the core's cache while every query (a whole
/// batch of users' vectors) is dotted with them, four rows by two queries at a time in registers.
/// </remarks>
internal static class Int8Scan
{
    /// <summary>Rows per cache block: 256 rows of 512 bytes is 128 KiB, well inside L2.</summary>
    public const int BlockRows = 256;

    /// <summary>How many blocks of <see cref="BlockRows"/> a scan of <paramref name="rows"/> rows makes.</summary>
    public static int Blocks(int rows) => (rows + BlockRows - 1) / BlockRows;

    /// <summary>Whether rows of this size go through the VNNI kernel (and so are stored shifted).</summary>
    public static bool Shifted(int dimensions) => AvxVnni.IsSupported && dimensions % Vector256<byte>.Count == 0;

    /// <summary>Row codes as the scan wants them: shifted to unsigned when <see cref="Shifted"/>.</summary>
    public static byte[] RowCodes(ReadOnlySpan<sbyte> codes, int dimensions)
    {
        var shifted = Shifted(dimensions);
        var rows = new byte[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            rows[i] = shifted ? (byte)(codes[i] + 128) : unchecked((byte)codes[i]);
        }
        return rows;
    }

    /// <summary>
    /// Into <paramref name="into"/>[q × <paramref name="stride"/> + k], the integer dot of row k (or of row
    /// <paramref name="only"/>[k]) with query q (the value <see cref="Search.Int8Dot.Dot"/> gives) times the
    /// row's and the query's scale: the cosine.
    /// </summary>
    /// <param name="only">When set, only these rows are scanned, in this order; else every row.</param>
    /// <param name="stride">Entries per query in <paramref name="into"/>: at least the rows scanned.</param>
    /// <param name="bounds">
    /// When set, query q's lowest and highest cosine in block b (rows b × <see cref="BlockRows"/> onwards) go to
    /// [2 (q × blocks + b)] and the entry after it: found while writing them, saving a pass over each query.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots(byte[] rows, int dimensions, float[] rowScales, sbyte[] queries, float[] queryScales, float[] into, int stride, int[]? only = null,
        float[]? bounds = null)
    {
        var queryCount = queryScales.Length;
        var count = only?.Length ?? rows.Length / dimensions;
        var blocks = Blocks(count);
        if (stride < count || into.Length < queryCount * stride || bounds?.Length < 2 * queryCount * blocks)
        {
            throw new ArgumentException("the output is too small for the rows and queries", nameof(into));
        }
        bounds ??= new float[2 * queryCount * blocks];
        for (var b = 0; b < queryCount * blocks; b++)
        {
            (bounds[2 * b], bounds[2 * b + 1]) = (float.PositiveInfinity, float.NegativeInfinity);
        }
        if (!Shifted(dimensions))
        {
            var signed = MemoryMarshal.Cast<byte, sbyte>(rows.AsSpan());
            for (var k = 0; k < count; k++)
            {
                var i = only is null ? k : only[k];
                for (var q = 0; q < queryCount; q++)
                {
                    var cosine = Cosine(Search.Int8Dot.Dot(signed.Slice(i * dimensions, dimensions), queries.AsSpan(q * dimensions, dimensions)), 0, rowScales[i], queryScales[q]);
                    into[q * stride + k] = cosine;
                    var at = 2 * (q * blocks + k / BlockRows);
                    (bounds[at], bounds[at + 1]) = (Math.Min(bounds[at], cosine), Math.Max(bounds[at + 1], cosine));
                }
            }
            return;
        }
        // The shift adds 128 × (the query's sum) to every dot; taken off again in Cosine.
        var correction = new int[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            var sum = 0;
            foreach (var code in queries.AsSpan(q * dimensions, dimensions))
            {
                sum += code;
            }
            correction[q] = 128 * sum;
        }
        var scan = new Scan(rows, dimensions, rowScales, queries, queryScales, correction, into, stride, only, bounds, blocks);
        for (var start = 0; start < count; start += BlockRows)
        {
            var end = Math.Min(count, start + BlockRows);
            var q = 0;
            for (; q + 1 < queryCount; q += 2)
            {
                var k = start;
                for (; k + 3 < end; k += 4)
                {
                    scan.FourRowsTwoQueries(k, q);
                }
                for (; k < end; k++)
                {
                    scan.OneRow(k, q);
                    scan.OneRow(k, q + 1);
                }
            }
            if (q < queryCount)
            {
                for (var k = start; k < end; k++)
                {
                    scan.OneRow(k, q);
                }
            }
            scan.Cosines(start, end);
        }
    }

    /// <summary>The double product the cosine always was (int dot × row scale × query scale), stored as float.</summary>
    private static float Cosine(int dot, int correction, float rowScale, float queryScale) => (float)((dot - correction) * (double)rowScale * queryScale);

    private readonly ref struct Scan(byte[] rows, int dimensions, float[] rowScales, sbyte[] queries, float[] queryScales, int[] correction, float[] into, int stride,
        int[]? only, float[] bounds, int blocks)
    {
        private readonly ref byte _row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        private readonly ref byte _query0 = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetArrayDataReference(queries));

        private int Row(int k) => only is null ? k : only[k];

        /// <summary>Rows k..k+3 with queries q and q+1: eight accumulators, each row chunk and query chunk loaded once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void FourRowsTwoQueries(int k, int q)
        {
            int i0 = Row(k), i1 = Row(k + 1), i2 = Row(k + 2), i3 = Row(k + 3);
            ref var r0 = ref Unsafe.Add(ref _row0, (nint)i0 * dimensions);
            ref var r1 = ref Unsafe.Add(ref _row0, (nint)i1 * dimensions);
            ref var r2 = ref Unsafe.Add(ref _row0, (nint)i2 * dimensions);
            ref var r3 = ref Unsafe.Add(ref _row0, (nint)i3 * dimensions);
            ref var a = ref Unsafe.Add(ref _query0, (nint)q * dimensions);
            ref var b = ref Unsafe.Add(ref _query0, (nint)(q + 1) * dimensions);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            for (var d = 0; d < dimensions; d += Vector256<byte>.Count)
            {
                var va = Vector256.LoadUnsafe(ref a, (nuint)d).AsSByte();
                var vb = Vector256.LoadUnsafe(ref b, (nuint)d).AsSByte();
                var x0 = Vector256.LoadUnsafe(ref r0, (nuint)d);
                var x1 = Vector256.LoadUnsafe(ref r1, (nuint)d);
                var x2 = Vector256.LoadUnsafe(ref r2, (nuint)d);
                var x3 = Vector256.LoadUnsafe(ref r3, (nuint)d);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, x0, va);
                b0 = AvxVnni.MultiplyWideningAndAdd(b0, x0, vb);
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, x1, va);
                b1 = AvxVnni.MultiplyWideningAndAdd(b1, x1, vb);
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, x2, va);
                b2 = AvxVnni.MultiplyWideningAndAdd(b2, x2, vb);
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, x3, va);
                b3 = AvxVnni.MultiplyWideningAndAdd(b3, x3, vb);
            }
            Store(Sums(a0, a1, a2, a3), k, q);
            Store(Sums(b0, b1, b2, b3), k, q + 1);
        }

        public void OneRow(int k, int q)
        {
            var i = Row(k);
            ref var row = ref Unsafe.Add(ref _row0, (nint)i * dimensions);
            ref var a = ref Unsafe.Add(ref _query0, (nint)q * dimensions);
            var acc = Vector256<int>.Zero;
            for (var d = 0; d < dimensions; d += Vector256<byte>.Count)
            {
                acc = AvxVnni.MultiplyWideningAndAdd(acc, Vector256.LoadUnsafe(ref row, (nuint)d), Vector256.LoadUnsafe(ref a, (nuint)d).AsSByte());
            }
            into[q * stride + k] = BitConverter.Int32BitsToSingle(Vector256.Sum(acc));
        }

        /// <summary>The four rows' integer dots with query q, kept as their bits until <see cref="Cosines"/> turns the block into cosines.</summary>
        private void Store(Vector128<int> sums, int k, int q) => sums.AsSingle().StoreUnsafe(ref into[q * stride + k]);

        /// <summary>
        /// Rows start..end-1 of every query, from integer dots (as bits) to cosines: <see cref="Cosine"/>
        /// eight lanes at a time in doubles, the same arithmetic as one at a time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Cosines(int start, int end)
        {
            Span<double> scales = stackalloc double[BlockRows];
            for (var k = start; k < end; k++)
            {
                scales[k - start] = rowScales[Row(k)];
            }
            ref var scale0 = ref MemoryMarshal.GetReference(scales);
            for (var q = 0; q < queryScales.Length; q++)
            {
                ref var at = ref into[q * stride];
                var shift = Vector256.Create(correction[q]);
                var queryScale = Vector512.Create((double)queryScales[q]);
                var bound = 2 * (q * blocks + start / BlockRows);
                var (low, high) = (Vector256.Create(float.PositiveInfinity), Vector256.Create(float.NegativeInfinity));
                var k = start;
                for (; k + Vector256<int>.Count <= end; k += Vector256<int>.Count)
                {
                    var dots = Vector256.LoadUnsafe(ref Unsafe.As<float, int>(ref at), (nuint)k) - shift;
                    var wide = Vector512.ConvertToDouble(Vector512.WidenLower(dots.ToVector512Unsafe()));
                    var cosines = Vector512.Narrow(wide * Vector512.LoadUnsafe(ref scale0, (nuint)(k - start)) * queryScale, Vector512<double>.Zero).GetLower();
                    cosines.StoreUnsafe(ref at, (nuint)k);
                    (low, high) = (Vector256.Min(low, cosines), Vector256.Max(high, cosines));
                }
                var (min, max) = (low, high);
                for (var lane = 0; lane < Vector256<float>.Count; lane++)
                {
                    (bounds[bound], bounds[bound + 1]) = (Math.Min(bounds[bound], min[lane]), Math.Max(bounds[bound + 1], max[lane]));
                }
                for (; k < end; k++)
                {
                    var cosine = Cosine(BitConverter.SingleToInt32Bits(Unsafe.Add(ref at, k)), correction[q], rowScales[Row(k)], queryScales[q]);
                    Unsafe.Add(ref at, k) = cosine;
                    (bounds[bound], bounds[bound + 1]) = (Math.Min(bounds[bound], cosine), Math.Max(bounds[bound + 1], cosine));
                }
            }
        }

        /// <summary>The four accumulators' totals in one register: two rounds of pairwise adds, then the halves.</summary>
        private static Vector128<int> Sums(Vector256<int> w, Vector256<int> x, Vector256<int> y, Vector256<int> z)
        {
            var s = Avx2.HorizontalAdd(Avx2.HorizontalAdd(w, x), Avx2.HorizontalAdd(y, z));
            return s.GetLower() + s.GetUpper();
        }
    }
}
