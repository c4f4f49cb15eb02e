using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

internal static partial class Int8Scan
{
    /// <summary>
    /// AVX-512BW without VNNI (.NET 10 exposes only the VEX AVX-VNNI, which these CPUs lack): vpmaddubsw
    /// multiplies 64 unsigned row bytes (shifted by +128, <see cref="Int8Rows.Shifted"/>) by 64 signed query
    /// bytes and adds them in twos to 16 bits, then vpmaddwd by ones adds those in twos to 32. Exact while the
    /// two products fit 16 bits, which is why the queries are coded within ±63 (<see cref="QueryLimit"/>):
    /// three instructions per 64 byte pairs, where widening both sides to 16 bits for vpmaddwd took four.
    /// </summary>
    /// <remarks>
    /// Lanes are rows, not dimensions: each block's rows are packed so that one register holds sixteen rows'
    /// codes for four dimensions, and each query's four codes are broadcast to all lanes. A register tile of
    /// 32 rows by 8 queries then needs no horizontal sums, and each accumulator is sixteen finished dots that
    /// go to <c>into</c> in one store. Packing (a 16 × 16 transpose of ints per 64 codes of 16 rows) is read
    /// by every query of the batch, so it costs a small fraction of the multiply-adds.
    /// </remarks>
    private static class Avx512Kernel
    {
        /// <summary>Rows per register: one int (four byte codes) per row.</summary>
        private const int Lanes = 16;

        private const int TileQueries = 8;

        /// <summary>This kernel's lanes, tile and transpose, for the byte kernels' shared scan (<see cref="RunBytes"/>).</summary>
        private readonly struct Layout : IByteKernel
        {
            public static int Lanes => Avx512Kernel.Lanes;

            public static int TileQueries => Avx512Kernel.TileQueries;

            public static void Transpose(ref byte source, ReadOnlySpan<nint> offsets, ref int columns) => Avx512Kernel.Transpose(ref source, offsets, ref columns);

            public static void Tile(in Scan scan, int[] packed, int[] queries, int quads, int g, int q, int k, int end) => EightQueries(scan, packed, queries, quads, g, q, k, end);
        }

        public static void Run(in Scan scan) => RunBytes<Layout>(scan);

        /// <summary>Groups g and g+1 (rows k onwards) by queries q..q+7: sixteen accumulators.</summary>
        /// <remarks>Not inlined: alone, its accumulators and row and query pointers have the registers to themselves.</remarks>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void EightQueries(in Scan scan, int[] packed, int[] queries, int quads, int g, int q, int k, int end)
        {
            ref var x0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), (nint)g * quads * Lanes);
            ref var x1 = ref Unsafe.Add(ref x0, (nint)quads * Lanes);
            ref var y0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(queries), (nint)q * quads);
            ref var y1 = ref Unsafe.Add(ref y0, quads);
            ref var y2 = ref Unsafe.Add(ref y1, quads);
            ref var y3 = ref Unsafe.Add(ref y2, quads);
            ref var y4 = ref Unsafe.Add(ref y3, quads);
            ref var y5 = ref Unsafe.Add(ref y4, quads);
            ref var y6 = ref Unsafe.Add(ref y5, quads);
            ref var y7 = ref Unsafe.Add(ref y6, quads);
            var ones = Vector512.Create((short)1);
            Vector512<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            Vector512<int> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
            for (nint p = 0; p < quads; p++)
            {
                var r = Vector512.LoadUnsafe(ref x0, (nuint)(p * Lanes)).AsByte();
                var s = Vector512.LoadUnsafe(ref x1, (nuint)(p * Lanes)).AsByte();
                var c = Vector512.Create(Unsafe.Add(ref y0, p)).AsSByte();
                a0 += SumsOfFours(r, c, ones);
                b0 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y1, p)).AsSByte();
                a1 += SumsOfFours(r, c, ones);
                b1 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y2, p)).AsSByte();
                a2 += SumsOfFours(r, c, ones);
                b2 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y3, p)).AsSByte();
                a3 += SumsOfFours(r, c, ones);
                b3 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y4, p)).AsSByte();
                a4 += SumsOfFours(r, c, ones);
                b4 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y5, p)).AsSByte();
                a5 += SumsOfFours(r, c, ones);
                b5 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y6, p)).AsSByte();
                a6 += SumsOfFours(r, c, ones);
                b6 += SumsOfFours(s, c, ones);
                c = Vector512.Create(Unsafe.Add(ref y7, p)).AsSByte();
                a7 += SumsOfFours(r, c, ones);
                b7 += SumsOfFours(s, c, ones);
            }
            Put(scan, a0, b0, q, k, end);
            Put(scan, a1, b1, q + 1, k, end);
            Put(scan, a2, b2, q + 2, k, end);
            Put(scan, a3, b3, q + 3, k, end);
            Put(scan, a4, b4, q + 4, k, end);
            Put(scan, a5, b5, q + 5, k, end);
            Put(scan, a6, b6, q + 6, k, end);
            Put(scan, a7, b7, q + 7, k, end);
        }

        /// <summary>Each int lane's four byte products (row codes by query codes) summed: vpmaddubsw into 16-bit pairs, then vpmaddwd by ones.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<int> SumsOfFours(Vector512<byte> rows, Vector512<sbyte> query, Vector512<short> ones) =>
            Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(rows, query), ones);

        /// <summary>
        /// 32 rows' dots with query q, rows k onwards (the first sixteen, then the next): a store per sixteen,
        /// or lane by lane up to the block's end. Nothing for the zero queries that fill the last tile.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(in Scan scan, Vector512<int> first, Vector512<int> second, int q, int k, int end)
        {
            if (q >= scan.QueryCount)
            {
                return;
            }
            if (k + 2 * Lanes <= end)
            {
                first.AsSingle().StoreUnsafe(ref scan.Into(q, k));
                second.AsSingle().StoreUnsafe(ref scan.Into(q, k + Lanes));
                return;
            }
            for (var j = 0; j < 2 * Lanes && k + j < end; j++)
            {
                scan.Put(q, k + j, j < Lanes ? first[j] : second[j - Lanes]);
            }
        }

        /// <summary>
        /// Sixteen rows' 64 codes (row j at <paramref name="source"/> + offsets[j]), four to an int: a 16 × 16
        /// matrix of ints, transposed in registers (interleave ints, then longs, then 128-bit lanes twice) into
        /// the sixteen columns from <paramref name="first"/> on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Transpose(ref byte source, ReadOnlySpan<nint> offsets, ref int first)
        {
            ref var columns = ref Unsafe.As<int, Vector512<int>>(ref first);
            ref var at = ref MemoryMarshal.GetReference(offsets);
            var (t0, t1) = Ints(ref source, Unsafe.Add(ref at, 0), Unsafe.Add(ref at, 1));
            var (t2, t3) = Ints(ref source, Unsafe.Add(ref at, 2), Unsafe.Add(ref at, 3));
            var (t4, t5) = Ints(ref source, Unsafe.Add(ref at, 4), Unsafe.Add(ref at, 5));
            var (t6, t7) = Ints(ref source, Unsafe.Add(ref at, 6), Unsafe.Add(ref at, 7));
            var (t8, t9) = Ints(ref source, Unsafe.Add(ref at, 8), Unsafe.Add(ref at, 9));
            var (t10, t11) = Ints(ref source, Unsafe.Add(ref at, 10), Unsafe.Add(ref at, 11));
            var (t12, t13) = Ints(ref source, Unsafe.Add(ref at, 12), Unsafe.Add(ref at, 13));
            var (t14, t15) = Ints(ref source, Unsafe.Add(ref at, 14), Unsafe.Add(ref at, 15));
            // u[4i + c] holds, in each 128-bit lane l, rows 4i..4i+3 of column 4l + c.
            var (u0, u1, u2, u3) = (Longs(t0, t2, low: true), Longs(t0, t2, low: false), Longs(t1, t3, low: true), Longs(t1, t3, low: false));
            var (u4, u5, u6, u7) = (Longs(t4, t6, low: true), Longs(t4, t6, low: false), Longs(t5, t7, low: true), Longs(t5, t7, low: false));
            var (u8, u9, u10, u11) = (Longs(t8, t10, low: true), Longs(t8, t10, low: false), Longs(t9, t11, low: true), Longs(t9, t11, low: false));
            var (u12, u13, u14, u15) = (Longs(t12, t14, low: true), Longs(t12, t14, low: false), Longs(t13, t15, low: true), Longs(t13, t15, low: false));
            Columns(ref columns, 0, u0, u4, u8, u12);
            Columns(ref columns, 1, u1, u5, u9, u13);
            Columns(ref columns, 2, u2, u6, u10, u14);
            Columns(ref columns, 3, u3, u7, u11, u15);
        }

        /// <summary>Two rows' codes as ints, interleaved: the low and high halves of each 128-bit lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (Vector512<int> Low, Vector512<int> High) Ints(ref byte source, nint x, nint y)
        {
            var first = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, x)).AsInt32();
            var second = Vector512.LoadUnsafe(ref Unsafe.Add(ref source, y)).AsInt32();
            return (Avx512F.UnpackLow(first, second), Avx512F.UnpackHigh(first, second));
        }

        private static Vector512<int> Longs(Vector512<int> x, Vector512<int> y, bool low) =>
            (low ? Avx512F.UnpackLow(x.AsInt64(), y.AsInt64()) : Avx512F.UnpackHigh(x.AsInt64(), y.AsInt64())).AsInt32();

        /// <summary>
        /// Columns c, 4+c, 8+c and 12+c, from the four registers holding rows 0-3, 4-7, 8-11 and 12-15 of them
        /// in each 128-bit lane: lane l of every register makes column 4l + c.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Columns(ref Vector512<int> columns, int c, Vector512<int> w, Vector512<int> x, Vector512<int> y, Vector512<int> z)
        {
            var (wxLow, wxHigh) = (Avx512F.Shuffle4x128(w, x, 0x44), Avx512F.Shuffle4x128(w, x, 0xEE));
            var (yzLow, yzHigh) = (Avx512F.Shuffle4x128(y, z, 0x44), Avx512F.Shuffle4x128(y, z, 0xEE));
            Unsafe.Add(ref columns, c) = Avx512F.Shuffle4x128(wxLow, yzLow, 0x88);
            Unsafe.Add(ref columns, 4 + c) = Avx512F.Shuffle4x128(wxLow, yzLow, 0xDD);
            Unsafe.Add(ref columns, 8 + c) = Avx512F.Shuffle4x128(wxHigh, yzHigh, 0x88);
            Unsafe.Add(ref columns, 12 + c) = Avx512F.Shuffle4x128(wxHigh, yzHigh, 0xDD);
        }
    }
}
