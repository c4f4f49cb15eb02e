using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Bot.Search;

/// <summary>
/// Dot products of stored float16 vectors with a float32 query, converting as it goes instead of in a
/// separate pass (which cost three times the dot product itself). A finite float16 h converts exactly to
/// the float32 with bits (sign(h) &lt;&lt; 31 | magnitude(h) &lt;&lt; 13), times 2^112 (the exponent bias moves from
/// 15 to 127; subnormals come out right too). Read as 32-bit lanes, two float16s share a lane: shifting the
/// lane right arithmetically by 3 and masking with 0x8FFFE000 puts the upper one in float32 form, and a
/// left shift by 16 first does the same for the lower one. So a block of float16s becomes two float32
/// vectors, one of the even elements and one of the odd, with five integer operations; the query is
/// prepared once in that order and scaled by 2^112. The products are the exact products of the stored
/// values; only the order of the additions differs from converting first. Vectors hold no infinities or
/// NaNs (<see cref="VectorIndex.Add"/> stores unit vectors).
/// </summary>
internal static class HalfDot
{
    /// <summary>2^112 = 2^(127 − 15), exactly representable as a float32.</summary>
    private const float Rebias = 5.192296858534828e33f;

    private const int Mask = unchecked((int)0x8FFFE000); // sign bit, then 15 bits of exponent and mantissa at 13..27

    /// <summary>Float16s per block: one 512- or 256-bit load, or 0 where neither is accelerated.</summary>
    private static readonly int Block =
        Vector512.IsHardwareAccelerated ? Vector512<ushort>.Count : Vector256.IsHardwareAccelerated ? Vector256<ushort>.Count : 0;

    /// <summary>The query as <see cref="Dot"/> wants it: scaled by 2^112, and in each block the even elements, then the odd.</summary>
    public static void PrepareQuery(ReadOnlySpan<float> query, Span<float> prepared)
    {
        var blocked = Block == 0 ? 0 : query.Length / Block * Block;
        for (var start = 0; start < blocked; start += Block)
        {
            for (var j = 0; j < Block / 2; j++)
            {
                prepared[start + j] = query[start + 2 * j] * Rebias;
                prepared[start + Block / 2 + j] = query[start + 2 * j + 1] * Rebias;
            }
        }
        for (var i = blocked; i < query.Length; i++)
        {
            prepared[i] = query[i] * Rebias;
        }
    }

    /// <summary>
    /// Asks the CPU to start loading a vector the scan reaches a few vectors later. The scan is bound by
    /// memory; without the hint the loads of one vector wait behind the arithmetic of the previous one.
    /// </summary>
    public static unsafe void Prefetch(ReadOnlySpan<Half> vector)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        fixed (Half* start = vector)
        {
            for (var offset = 0; offset < vector.Length * sizeof(Half); offset += 64) // one hint per cache line
            {
                Sse.Prefetch0((byte*)start + offset);
            }
        }
    }

    public static float Dot(ReadOnlySpan<Half> vector, ReadOnlySpan<float> prepared)
    {
        ref var pairs = ref Unsafe.As<Half, int>(ref MemoryMarshal.GetReference(vector)); // two float16s per lane, the first in the low half
        ref var q = ref MemoryMarshal.GetReference(prepared);
        var i = 0;
        float sum = 0;
        if (Block == Vector512<ushort>.Count)
        {
            Vector512<float> even = Vector512<float>.Zero, odd = Vector512<float>.Zero;
            var mask = Vector512.Create(Mask);
            for (; i <= vector.Length - Block; i += Block)
            {
                var lanes = Vector512.LoadUnsafe(ref pairs, (nuint)(i / 2));
                even = Vector512.FusedMultiplyAdd((Vector512.ShiftRightArithmetic(lanes << 16, 3) & mask).AsSingle(), Vector512.LoadUnsafe(ref q, (nuint)i), even);
                odd = Vector512.FusedMultiplyAdd((Vector512.ShiftRightArithmetic(lanes, 3) & mask).AsSingle(), Vector512.LoadUnsafe(ref q, (nuint)(i + Block / 2)), odd);
            }
            sum = Vector512.Sum(even + odd);
        }
        else if (Block == Vector256<ushort>.Count)
        {
            Vector256<float> even = Vector256<float>.Zero, odd = Vector256<float>.Zero;
            var mask = Vector256.Create(Mask);
            for (; i <= vector.Length - Block; i += Block)
            {
                var lanes = Vector256.LoadUnsafe(ref pairs, (nuint)(i / 2));
                even = Vector256.FusedMultiplyAdd((Vector256.ShiftRightArithmetic(lanes << 16, 3) & mask).AsSingle(), Vector256.LoadUnsafe(ref q, (nuint)i), even);
                odd = Vector256.FusedMultiplyAdd((Vector256.ShiftRightArithmetic(lanes, 3) & mask).AsSingle(), Vector256.LoadUnsafe(ref q, (nuint)(i + Block / 2)), odd);
            }
            sum = Vector256.Sum(even + odd);
        }
        for (; i < vector.Length; i++)
        {
            var bits = BitConverter.HalfToUInt16Bits(vector[i]);
            sum += BitConverter.UInt32BitsToSingle(((bits & 0x8000u) << 16) | ((bits & 0x7FFFu) << 13)) * prepared[i];
        }
        return sum;
    }
}
