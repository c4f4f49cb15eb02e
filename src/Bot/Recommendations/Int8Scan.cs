using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Recommendations;

/// <summary>
/// Dot products of many int8 rows with a few int8 queries, the scan every ranking makes over its pool.
/// With AVX-VNNI one instruction multiplies 32 byte pairs and adds them up (vpdpbusd); it needs one
/// side unsigned, so the rows are stored shifted by +128 and each query's sum times 128 is taken back
/// off. Without it, <see cref="Search.Int8Dot"/> per pair.
/// </summary>
internal static class Int8Scan
{
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
    /// Into <paramref name="into"/>[q][i], the integer dot of row i with query q (the value
    /// <see cref="Search.Int8Dot.Dot"/> gives) times the row's and the query's scale: the cosine.
    /// </summary>
    /// <param name="only">When set, only these rows are scanned (the others' entries are left as they are).</param>
    public static void Dots(byte[] rows, int dimensions, float[] rowScales, sbyte[] queries, float[] queryScales, double[][] into, int[]? only = null)
    {
        var queryCount = queryScales.Length;
        var count = only?.Length ?? rows.Length / dimensions;
        // The shift adds 128 × (the query's sum) to every dot; taken off again below.
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
        if (!Shifted(dimensions))
        {
            var signed = MemoryMarshal.Cast<byte, sbyte>(rows.AsSpan());
            for (var k = 0; k < count; k++)
            {
                var i = only is null ? k : only[k];
                for (var q = 0; q < queryCount; q++)
                {
                    into[q][i] = Search.Int8Dot.Dot(signed.Slice(i * dimensions, dimensions), queries.AsSpan(q * dimensions, dimensions)) * (double)rowScales[i] * queryScales[q];
                }
            }
            return;
        }
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        ref var query0 = ref MemoryMarshal.GetArrayDataReference(queries);
        for (var k = 0; k < count; k++)
        {
            var i = only is null ? k : only[k];
            ref var row = ref Unsafe.Add(ref row0, i * dimensions);
            var q = 0;
            // Two queries at a time: each row chunk is loaded once for both.
            for (; q + 1 < queryCount; q += 2)
            {
                ref var a = ref Unsafe.Add(ref query0, q * dimensions);
                ref var b = ref Unsafe.Add(ref query0, (q + 1) * dimensions);
                Vector256<int> accA = Vector256<int>.Zero, accB = Vector256<int>.Zero;
                for (var d = 0; d < dimensions; d += Vector256<byte>.Count)
                {
                    var r = Vector256.LoadUnsafe(ref row, (nuint)d);
                    accA = AvxVnni.MultiplyWideningAndAdd(accA, r, Vector256.LoadUnsafe(ref a, (nuint)d));
                    accB = AvxVnni.MultiplyWideningAndAdd(accB, r, Vector256.LoadUnsafe(ref b, (nuint)d));
                }
                into[q][i] = (Vector256.Sum(accA) - correction[q]) * (double)rowScales[i] * queryScales[q];
                into[q + 1][i] = (Vector256.Sum(accB) - correction[q + 1]) * (double)rowScales[i] * queryScales[q + 1];
            }
            if (q < queryCount)
            {
                ref var a = ref Unsafe.Add(ref query0, q * dimensions);
                var acc = Vector256<int>.Zero;
                for (var d = 0; d < dimensions; d += Vector256<byte>.Count)
                {
                    acc = AvxVnni.MultiplyWideningAndAdd(acc, Vector256.LoadUnsafe(ref row, (nuint)d), Vector256.LoadUnsafe(ref a, (nuint)d));
                }
                into[q][i] = (Vector256.Sum(acc) - correction[q]) * (double)rowScales[i] * queryScales[q];
            }
        }
    }
}
