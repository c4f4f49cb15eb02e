using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

internal static partial class Int8Scan
{
    /// <summary>
    /// AVX2: the <see cref="Avx512Kernel"/>'s scheme at half the width (vpmaddubsw on shifted rows and queries
    /// within ±63, eight rows per register, 8 × 8 transposes), and a tile of 16 rows by 4 queries, since there
    /// are only sixteen registers.
    /// </summary>
    private static class Avx2Kernel
    {
        /// <summary>Rows per register: one int (four byte codes) per row.</summary>
        private const int Lanes = 8;

        private const int TileQueries = 4;

        /// <summary>This kernel's lanes, tile and transpose, for the byte kernels' shared scan (<see cref="RunBytes"/>).</summary>
        private readonly struct Layout : IByteKernel
        {
            public static int Lanes => Avx2Kernel.Lanes;

            public static int TileQueries => Avx2Kernel.TileQueries;

            public static void Transpose(ref byte source, ReadOnlySpan<nint> offsets, ref int columns) => Avx2Kernel.Transpose(ref source, offsets, ref columns);

            public static void Tile(in Scan scan, int[] packed, int[] queries, int quads, int g, int q, int k, int end) => FourQueries(scan, packed, queries, quads, g, q, k, end);
        }

        public static void Run(in Scan scan) => RunBytes<Layout>(scan);

        /// <summary>Groups g and g+1 (rows k onwards) by queries q..q+3: eight accumulators.</summary>
        /// <remarks>Not inlined: alone, its accumulators and row and query pointers have the registers to themselves.</remarks>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static void FourQueries(in Scan scan, int[] packed, int[] queries, int quads, int g, int q, int k, int end)
        {
            ref var x0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), (nint)g * quads * Lanes);
            ref var x1 = ref Unsafe.Add(ref x0, (nint)quads * Lanes);
            ref var y0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(queries), (nint)q * quads);
            ref var y1 = ref Unsafe.Add(ref y0, quads);
            ref var y2 = ref Unsafe.Add(ref y1, quads);
            ref var y3 = ref Unsafe.Add(ref y2, quads);
            Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            var ones = Vector256.Create((short)1);
            for (nint p = 0; p < quads; p++)
            {
                var r = Vector256.LoadUnsafe(ref x0, (nuint)(p * Lanes)).AsByte();
                var s = Vector256.LoadUnsafe(ref x1, (nuint)(p * Lanes)).AsByte();
                var c = Vector256.Create(Unsafe.Add(ref y0, p)).AsSByte();
                a0 += SumsOfFours(r, c, ones);
                b0 += SumsOfFours(s, c, ones);
                c = Vector256.Create(Unsafe.Add(ref y1, p)).AsSByte();
                a1 += SumsOfFours(r, c, ones);
                b1 += SumsOfFours(s, c, ones);
                c = Vector256.Create(Unsafe.Add(ref y2, p)).AsSByte();
                a2 += SumsOfFours(r, c, ones);
                b2 += SumsOfFours(s, c, ones);
                c = Vector256.Create(Unsafe.Add(ref y3, p)).AsSByte();
                a3 += SumsOfFours(r, c, ones);
                b3 += SumsOfFours(s, c, ones);
            }
            Put(scan, a0, b0, q, k, end);
            Put(scan, a1, b1, q + 1, k, end);
            Put(scan, a2, b2, q + 2, k, end);
            Put(scan, a3, b3, q + 3, k, end);
        }

        /// <summary>Each int lane's four byte products (row codes by query codes) summed: vpmaddubsw into 16-bit pairs, then vpmaddwd by ones.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<int> SumsOfFours(Vector256<byte> rows, Vector256<sbyte> query, Vector256<short> ones) =>
            Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(rows, query), ones);

        /// <summary>
        /// 16 rows' dots with query q, rows k onwards (the first eight, then the next): a store per eight, or
        /// lane by lane up to the block's end. Nothing for the zero queries that fill the last tile.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Put(in Scan scan, Vector256<int> first, Vector256<int> second, int q, int k, int end)
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
        /// Eight rows' 32 codes (row j at <paramref name="source"/> + offsets[j]), four to an int: an 8 × 8
        /// matrix of ints, transposed in registers (interleave ints, then longs, then swap 128-bit lanes) into
        /// the eight columns from <paramref name="first"/> on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Transpose(ref byte source, ReadOnlySpan<nint> offsets, ref int first)
        {
            ref var columns = ref Unsafe.As<int, Vector256<int>>(ref first);
            ref var at = ref MemoryMarshal.GetReference(offsets);
            var (t0, t1) = Ints(ref source, Unsafe.Add(ref at, 0), Unsafe.Add(ref at, 1));
            var (t2, t3) = Ints(ref source, Unsafe.Add(ref at, 2), Unsafe.Add(ref at, 3));
            var (t4, t5) = Ints(ref source, Unsafe.Add(ref at, 4), Unsafe.Add(ref at, 5));
            var (t6, t7) = Ints(ref source, Unsafe.Add(ref at, 6), Unsafe.Add(ref at, 7));
            // u[4i + c] holds, in each 128-bit lane l, rows 4i..4i+3 of column 4l + c.
            var (u0, u1, u2, u3) = (Longs(t0, t2, low: true), Longs(t0, t2, low: false), Longs(t1, t3, low: true), Longs(t1, t3, low: false));
            var (u4, u5, u6, u7) = (Longs(t4, t6, low: true), Longs(t4, t6, low: false), Longs(t5, t7, low: true), Longs(t5, t7, low: false));
            Columns(ref columns, 0, u0, u4);
            Columns(ref columns, 1, u1, u5);
            Columns(ref columns, 2, u2, u6);
            Columns(ref columns, 3, u3, u7);
        }

        /// <summary>Two rows' codes as ints, interleaved: the low and high halves of each 128-bit lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (Vector256<int> Low, Vector256<int> High) Ints(ref byte source, nint x, nint y)
        {
            var first = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, x)).AsInt32();
            var second = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, y)).AsInt32();
            return (Avx2.UnpackLow(first, second), Avx2.UnpackHigh(first, second));
        }

        private static Vector256<int> Longs(Vector256<int> x, Vector256<int> y, bool low) =>
            (low ? Avx2.UnpackLow(x.AsInt64(), y.AsInt64()) : Avx2.UnpackHigh(x.AsInt64(), y.AsInt64())).AsInt32();

        /// <summary>Columns c and 4+c, from the registers holding rows 0-3 and 4-7 of them in each 128-bit lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Columns(ref Vector256<int> columns, int c, Vector256<int> low, Vector256<int> high)
        {
            Unsafe.Add(ref columns, c) = Avx2.Permute2x128(low, high, 0x20);
            Unsafe.Add(ref columns, 4 + c) = Avx2.Permute2x128(low, high, 0x31);
        }
    }
}
