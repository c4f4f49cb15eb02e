using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

internal static partial class Int8Scan
{
    /// <summary>
    /// AVX-VNNI: one vpdpbusd multiplies 32 byte pairs and adds them up in fours. It needs one side
    /// unsigned, so the rows are stored shifted by +128 (<see cref="Int8Rows.Shifted"/>) and each query's
    /// sum times 128 is taken back off in <see cref="Scan.Cosines"/>. Four rows by two queries at a time.
    /// </summary>
    private static class VnniKernel
    {
        public static void Run(in Scan scan)
        {
            for (var start = 0; start < scan.Count; start += BlockRows)
            {
                var end = Math.Min(scan.Count, start + BlockRows);
                var q = 0;
                for (; q + 1 < scan.QueryCount; q += 2)
                {
                    var k = start;
                    for (; k + 3 < end; k += 4)
                    {
                        FourRowsTwoQueries(scan, k, q);
                    }
                    for (; k < end; k++)
                    {
                        OneRow(scan, k, q);
                        OneRow(scan, k, q + 1);
                    }
                }
                if (q < scan.QueryCount)
                {
                    for (var k = start; k < end; k++)
                    {
                        OneRow(scan, k, q);
                    }
                }
                scan.Cosines(start, end);
            }
        }

        /// <summary>Rows k..k+3 with queries q and q+1: eight accumulators, each row chunk and query chunk loaded once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void FourRowsTwoQueries(in Scan scan, int k, int q)
        {
            var dimensions = scan.Dimensions;
            ref var row0 = ref MemoryMarshal.GetArrayDataReference(scan.Rows);
            ref var query0 = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetArrayDataReference(scan.Queries));
            ref var r0 = ref Unsafe.Add(ref row0, (nint)scan.Row(k) * dimensions);
            ref var r1 = ref Unsafe.Add(ref row0, (nint)scan.Row(k + 1) * dimensions);
            ref var r2 = ref Unsafe.Add(ref row0, (nint)scan.Row(k + 2) * dimensions);
            ref var r3 = ref Unsafe.Add(ref row0, (nint)scan.Row(k + 3) * dimensions);
            ref var a = ref Unsafe.Add(ref query0, (nint)q * dimensions);
            ref var b = ref Unsafe.Add(ref query0, (nint)(q + 1) * dimensions);
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
            Sums(a0, a1, a2, a3).AsSingle().StoreUnsafe(ref scan.Into(q, k));
            Sums(b0, b1, b2, b3).AsSingle().StoreUnsafe(ref scan.Into(q + 1, k));
        }

        private static void OneRow(in Scan scan, int k, int q)
        {
            var dimensions = scan.Dimensions;
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(scan.Rows), (nint)scan.Row(k) * dimensions);
            ref var a = ref Unsafe.Add(ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetArrayDataReference(scan.Queries)), (nint)q * dimensions);
            var acc = Vector256<int>.Zero;
            for (var d = 0; d < dimensions; d += Vector256<byte>.Count)
            {
                acc = AvxVnni.MultiplyWideningAndAdd(acc, Vector256.LoadUnsafe(ref row, (nuint)d), Vector256.LoadUnsafe(ref a, (nuint)d).AsSByte());
            }
            scan.Put(q, k, Vector256.Sum(acc));
        }

        /// <summary>The four accumulators' totals in one register: two rounds of pairwise adds, then the halves.</summary>
        private static Vector128<int> Sums(Vector256<int> w, Vector256<int> x, Vector256<int> y, Vector256<int> z)
        {
            var s = Avx2.HorizontalAdd(Avx2.HorizontalAdd(w, x), Avx2.HorizontalAdd(y, z));
            return s.GetLower() + s.GetUpper();
        }
    }
}
