using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Bot.Embeddings.UseLite;

/// <summary>
/// A weight matrix W[k, n] (row-major, used as y = x·W + b) repacked once into column panels of 16:
/// panel p holds W[0..k, 16p..16p+16) contiguously. Multiplying then streams each panel once per
/// four input rows while 4×16 accumulators stay in registers, which is what makes the forward pass
/// fast: an axpy per input element (the plain approach) reloads and stores the output row k times.
/// </summary>
internal sealed class PackedMatrix
{
    private const int PanelWidth = 16;
    private const int RowBlock = 4;

    private readonly float[] _panels; // [panels, k, 16], zero-padded past n
    private readonly float[]? _plain; // [k, n], kept only for hardware without 256-bit vectors

    public PackedMatrix(float[] weights, int k, int n)
    {
        if (weights.Length != k * n)
        {
            throw new ArgumentException($"A {k}×{n} matrix needs {k * n} values, got {weights.Length}.", nameof(weights));
        }
        Rows = k;
        Columns = n;
        _plain = Vector256.IsHardwareAccelerated ? null : weights;
        var panels = (n + PanelWidth - 1) / PanelWidth;
        _panels = new float[panels * k * PanelWidth];
        for (var p = 0; p < panels; p++)
        {
            var width = Math.Min(PanelWidth, n - p * PanelWidth);
            for (var i = 0; i < k; i++)
            {
                weights.AsSpan(i * n + p * PanelWidth, width).CopyTo(_panels.AsSpan((p * k + i) * PanelWidth, width));
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>y[rows, n] = x[rows, k]·W + bias[n].</summary>
    public void Multiply(ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (_plain is not null)
        {
            MultiplyPlain(_plain, x, rows, bias, y);
            return;
        }
        int k = Rows, n = Columns;
        Span<float> tile = stackalloc float[RowBlock * PanelWidth]; // [4, 16] one block of outputs
        ref var panels = ref MemoryMarshal.GetArrayDataReference(_panels);
        for (var p = 0; p * PanelWidth < n; p++)
        {
            var column = p * PanelWidth;
            var width = Math.Min(PanelWidth, n - column);
            var panelStart = (nuint)(p * k * PanelWidth);
            for (var r0 = 0; r0 < rows; r0 += RowBlock)
            {
                var count = Math.Min(RowBlock, rows - r0);
                Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
                Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
                var x0 = x.Slice(r0 * k, k);
                var x1 = count > 1 ? x.Slice((r0 + 1) * k, k) : x0;
                var x2 = count > 2 ? x.Slice((r0 + 2) * k, k) : x0;
                var x3 = count > 3 ? x.Slice((r0 + 3) * k, k) : x0;
                for (var i = 0; i < k; i++)
                {
                    var offset = panelStart + (nuint)(i * PanelWidth);
                    var w0 = Vector256.LoadUnsafe(ref panels, offset);
                    var w1 = Vector256.LoadUnsafe(ref panels, offset + 8);
                    var v0 = Vector256.Create(x0[i]);
                    a00 = Vector256.FusedMultiplyAdd(v0, w0, a00);
                    a01 = Vector256.FusedMultiplyAdd(v0, w1, a01);
                    var v1 = Vector256.Create(x1[i]);
                    a10 = Vector256.FusedMultiplyAdd(v1, w0, a10);
                    a11 = Vector256.FusedMultiplyAdd(v1, w1, a11);
                    var v2 = Vector256.Create(x2[i]);
                    a20 = Vector256.FusedMultiplyAdd(v2, w0, a20);
                    a21 = Vector256.FusedMultiplyAdd(v2, w1, a21);
                    var v3 = Vector256.Create(x3[i]);
                    a30 = Vector256.FusedMultiplyAdd(v3, w0, a30);
                    a31 = Vector256.FusedMultiplyAdd(v3, w1, a31);
                }
                a00.CopyTo(tile);
                a01.CopyTo(tile[8..]);
                a10.CopyTo(tile[16..]);
                a11.CopyTo(tile[24..]);
                a20.CopyTo(tile[32..]);
                a21.CopyTo(tile[40..]);
                a30.CopyTo(tile[48..]);
                a31.CopyTo(tile[56..]);
                for (var r = 0; r < count; r++)
                {
                    TensorPrimitives.Add(tile.Slice(r * PanelWidth, width), bias.Slice(column, width), y.Slice((r0 + r) * n + column, width));
                }
            }
        }
    }

    /// <summary>The same product one axpy at a time, for hardware without 256-bit vectors.</summary>
    private void MultiplyPlain(float[] weights, ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> bias, Span<float> y)
    {
        int k = Rows, n = Columns;
        for (var r = 0; r < rows; r++)
        {
            var output = y.Slice(r * n, n);
            bias.CopyTo(output);
            for (var i = 0; i < k; i++)
            {
                TensorPrimitives.MultiplyAdd(weights.AsSpan(i * n, n), x[r * k + i], output, output);
            }
        }
    }
}
