using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bot.Recommendations;

// What the byte kernels (AVX-512BW and AVX2: rows as lanes, four codes to a lane) share: the scan's loop, the rows' packing and the queries' padding.
internal static partial class Int8Scan
{
    /// <summary>
    /// Each query's codes zero-padded to <paramref name="quads"/> fours, four to an int at [q × quads + p]: what
    /// the byte kernels broadcast to every lane. Queries from the scan's count up to <paramref name="queries"/> are
    /// zeros, filling the last tile.
    /// </summary>
    private static void PadQueries(in Scan scan, int quads, int queries, int[] into)
    {
        into.AsSpan(0, queries * quads).Clear();
        for (var q = 0; q < scan.QueryCount; q++)
        {
            scan.Queries.AsSpan(q * scan.Dimensions, scan.Dimensions).CopyTo(MemoryMarshal.Cast<int, sbyte>(into.AsSpan(q * quads, quads)));
        }
    }

    /// <summary>
    /// A byte kernel (<see cref="Avx512Kernel"/>, <see cref="Avx2Kernel"/>): <see cref="Lanes"/> rows to a register,
    /// four codes to a lane, and a register tile of two registers of rows by <see cref="TileQueries"/> queries.
    /// </summary>
    private interface IByteKernel
    {
        static abstract int Lanes { get; }

        static abstract int TileQueries { get; }

        /// <summary>
        /// Lanes rows' 4 × Lanes codes (row j at <paramref name="source"/> + offsets[j]), four to an int: a
        /// Lanes × Lanes matrix of ints, transposed into Lanes registers' worth of ints from <paramref name="columns"/> on.
        /// </summary>
        static abstract void Transpose(ref byte source, ReadOnlySpan<nint> offsets, ref int columns);

        /// <summary>Groups g and g+1 of the packed rows (rows k onwards) by queries q onwards: their dots into the scan's output.</summary>
        static abstract void Tile(in Scan scan, int[] packed, int[] queries, int quads, int g, int q, int k, int end);
    }

    /// <summary>
    /// The byte kernels' scan: each block of rows packed once (<see cref="Pack"/>), then every tile of queries
    /// over each pair of row groups, then the block's cosines.
    /// </summary>
    private static void RunBytes<TKernel>(in Scan scan) where TKernel : struct, IByteKernel
    {
        var (lanes, tileQueries, chunk) = (TKernel.Lanes, TKernel.TileQueries, 4 * TKernel.Lanes);
        // Rows and queries zero-padded to whole chunks of dimensions.
        var quads = (scan.Dimensions + chunk - 1) / chunk * chunk / 4;
        // Queries padded with zeros to whole tiles: a last tile with a few real queries costs less than
        // single-query passes, which load two rows' registers per two multiply-adds.
        var tiled = (scan.QueryCount + tileQueries - 1) / tileQueries * tileQueries;
        var queries = ArrayPool<int>.Shared.Rent(tiled * quads);
        var packed = ArrayPool<int>.Shared.Rent(BlockRows * quads);
        try
        {
            PadQueries(scan, quads, tiled, queries);
            for (var start = 0; start < scan.Count; start += BlockRows)
            {
                var end = Math.Min(scan.Count, start + BlockRows);
                // Tiles take two groups of rows; a group past the end is zeros and is not stored.
                var groups = (end - start + 2 * lanes - 1) / (2 * lanes) * 2;
                Pack<TKernel>(scan, start, end, groups, quads, packed);
                // Rows outer: a tile's packed rows stay in L1 while every query passes over them.
                for (var g = 0; g < groups; g += 2)
                {
                    scan.Prefetch(Math.Min(scan.Count, end + g * lanes), Math.Min(scan.Count, end + (g + 2) * lanes));
                    for (var q = 0; q < tiled; q += tileQueries)
                    {
                        TKernel.Tile(scan, packed, queries, quads, g, q, start + g * lanes, end);
                    }
                }
                scan.Cosines(start, end);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(queries);
            ArrayPool<int>.Shared.Return(packed);
        }
    }

    /// <summary>
    /// Rows start..end-1 as a byte kernel's tiles read them: group g (rows start + Lanes × g onwards) holds, for
    /// each quad p of dimensions, Lanes ints at [(g × quads + p) × Lanes], lane j being row j's codes 4p to 4p+3
    /// as four bytes. Whole chunks (4 × Lanes codes) of whole groups are read in place; the rest (a dimension's
    /// tail, a group past the end) go through a zeroed copy first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack<TKernel>(in Scan scan, int start, int end, int groups, int quads, int[] packed) where TKernel : struct, IByteKernel
    {
        var lanes = TKernel.Lanes;
        var chunk = 4 * lanes;
        ref var rows = ref MemoryMarshal.GetArrayDataReference(scan.Rows);
        ref var into = ref MemoryMarshal.GetArrayDataReference(packed);
        var dimensions = scan.Dimensions;
        Span<nint> at = stackalloc nint[lanes];
        Span<byte> stage = stackalloc byte[lanes * chunk];
        Span<nint> staged = stackalloc nint[lanes];
        for (var j = 0; j < lanes; j++)
        {
            staged[j] = j * chunk;
        }
        for (var g = 0; g < groups; g++)
        {
            var first = start + g * lanes;
            for (var j = 0; j < lanes; j++)
            {
                at[j] = first + j < end ? (nint)scan.Row(first + j) * dimensions : -1;
            }
            ref var columns = ref Unsafe.Add(ref into, (nint)g * quads * lanes);
            var d = 0;
            if (first + lanes <= end)
            {
                for (; d + chunk <= dimensions; d += chunk)
                {
                    TKernel.Transpose(ref Unsafe.Add(ref rows, d), at, ref Unsafe.Add(ref columns, d / 4 * lanes));
                }
            }
            for (; d < 4 * quads; d += chunk)
            {
                stage.Clear();
                for (var j = 0; j < lanes && at[j] >= 0; j++)
                {
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref rows, at[j] + d), Math.Min(chunk, dimensions - d)).CopyTo(stage[(j * chunk)..]);
                }
                TKernel.Transpose(ref MemoryMarshal.GetReference(stage), staged, ref Unsafe.Add(ref columns, d / 4 * lanes));
            }
        }
    }
}
