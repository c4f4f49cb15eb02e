using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Bot.Search;

/// <summary>
/// Dot products of stored float16 vectors with a float32 query, converting as it goes instead of in a
/// separate pass (which cost three times the dot product itself). A finite float16 with sign s and
/// magnitude bits m converts exactly to the float32 asfloat(s &lt;&lt; 16 | m &lt;&lt; 13) × 2^112 (the exponent
/// bias moves from 15 to 127; subnormals come out right too), so the query is scaled by 2^112 once and
/// each element costs two integer operations and a fused multiply-add. The products are the exact
/// products of the stored values: only the order of the additions differs from converting first.
/// Vectors hold no infinities or NaNs (<see cref="VectorIndex.Add"/> stores unit vectors).
/// </summary>
internal static class HalfDot
{
    /// <summary>2^112 = 2^(127 − 15), exactly representable as a float32.</summary>
    private const float Rebias = 5.192296858534828e33f;

    /// <summary>The query as <see cref="Dot"/> wants it: multiplied by 2^112 (exact, a power of two).</summary>
    public static void ScaleQuery(ReadOnlySpan<float> query, Span<float> scaled) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(query, Rebias, scaled);

    public static float Dot(ReadOnlySpan<Half> vector, ReadOnlySpan<float> scaledQuery)
    {
        var bits = MemoryMarshal.Cast<Half, ushort>(vector);
        ref var h = ref MemoryMarshal.GetReference(bits);
        ref var q = ref MemoryMarshal.GetReference(scaledQuery);
        var i = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && bits.Length >= Vector512<ushort>.Count)
        {
            Vector512<float> even = Vector512<float>.Zero, odd = Vector512<float>.Zero;
            for (; i <= bits.Length - Vector512<ushort>.Count; i += Vector512<ushort>.Count)
            {
                var (lower, upper) = Vector512.Widen(Vector512.LoadUnsafe(ref h, (nuint)i));
                even = Vector512.FusedMultiplyAdd(Bits(lower), Vector512.LoadUnsafe(ref q, (nuint)i), even);
                odd = Vector512.FusedMultiplyAdd(Bits(upper), Vector512.LoadUnsafe(ref q, (nuint)(i + Vector512<float>.Count)), odd);
            }
            sum = Vector512.Sum(even + odd);
        }
        else if (Vector256.IsHardwareAccelerated && bits.Length >= Vector256<ushort>.Count)
        {
            Vector256<float> even = Vector256<float>.Zero, odd = Vector256<float>.Zero;
            for (; i <= bits.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref h, (nuint)i));
                even = Vector256.FusedMultiplyAdd(Bits(lower), Vector256.LoadUnsafe(ref q, (nuint)i), even);
                odd = Vector256.FusedMultiplyAdd(Bits(upper), Vector256.LoadUnsafe(ref q, (nuint)(i + Vector256<float>.Count)), odd);
            }
            sum = Vector256.Sum(even + odd);
        }
        for (; i < bits.Length; i++)
        {
            sum += BitConverter.UInt32BitsToSingle(((bits[i] & 0x8000u) << 16) | ((bits[i] & 0x7FFFu) << 13)) * scaledQuery[i];
        }
        return sum;
    }

    private static Vector512<float> Bits(Vector512<uint> half) =>
        (((half & Vector512.Create(0x8000u)) << 16) | ((half & Vector512.Create(0x7FFFu)) << 13)).AsSingle();

    private static Vector256<float> Bits(Vector256<uint> half) =>
        (((half & Vector256.Create(0x8000u)) << 16) | ((half & Vector256.Create(0x7FFFu)) << 13)).AsSingle();
}
