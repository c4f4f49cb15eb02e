using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Search;

/// <summary>
/// Dot products of int8 codes, accumulated exactly in 32-bit integers. Each 16-bit pair product is
/// summed by one multiply-add-adjacent instruction (pmaddwd) after widening the bytes, so a 512-d
/// vector costs 32 bytes per load and a handful of instructions; the scan of a large index is bound
/// by memory, and int8 codes halve the bytes float16 needed.
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= a.Length - Vector512<sbyte>.Count; i += Vector512<sbyte>.Count)
            {
                var (xLow, xHigh) = Vector512.Widen(Vector512.LoadUnsafe(ref x, (nuint)i));
                var (yLow, yHigh) = Vector512.Widen(Vector512.LoadUnsafe(ref y, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(xLow, yLow) + Avx512BW.MultiplyAddAdjacent(xHigh, yHigh);
            }
            sum = Vector512.Sum(acc);
        }
        else if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= a.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (xLow, xHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
                var (yLow, yHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref y, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(xLow, yLow) + Avx2.MultiplyAddAdjacent(xHigh, yHigh);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }
        return sum;
    }

    /// <summary>
    /// Codes a unit vector as int8 with one scale: the largest magnitude maps to ±<paramref name="limit"/>
    /// (127, or less for a kernel whose 16-bit sums need smaller codes on one side).
    /// </summary>
    /// <returns>The factor that turns a code back into the value (value ≈ code × factor).</returns>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes, int limit = 127)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 127);
        var largest = 0f;
        foreach (var value in vector)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }
        if (largest == 0 || !float.IsFinite(largest))
        {
            codes.Clear();
            return 0;
        }
        var scale = limit / largest;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * scale), -limit, limit);
        }
        return largest / limit;
    }

    /// <summary>Asks the CPU to start loading codes the scan reaches a few vectors later (the scan is bound by memory).</summary>
    public static unsafe void Prefetch(ReadOnlySpan<sbyte> codes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (sbyte* start = codes)
        {
            for (var offset = 0; offset < codes.Length; offset += 64) // one hint per cache line
            {
                Sse.Prefetch0(start + offset);
            }
        }
    }
}
