namespace Bot.Recommendations;

/// <summary>
/// Int8 rows (row-major, <see cref="Dimensions"/> codes each) stored as the kernel that scans them reads
/// them: shifted by +128 to unsigned for AVX-VNNI, AVX-512BW and AVX2 (vpdpbusd and vpmaddubsw need one side
/// unsigned), as they are for the per-pair fallback. The kernel travels with the bytes, so a scan cannot read them in the other layout.
/// </summary>
internal sealed class Int8Rows
{
    private Int8Rows(byte[] codes, int dimensions, Int8Kernel kernel) => (Codes, Dimensions, Kernel) = (codes, dimensions, kernel);

    public byte[] Codes { get; }

    public int Dimensions { get; }

    public Int8Kernel Kernel { get; }

    public int Count => Codes.Length / Dimensions;

    /// <summary>Rows shifted to unsigned; <see cref="Int8Scan"/> takes 128 × the query's sum back off each dot.</summary>
    public bool Shifted => Kernel is Int8Kernel.AvxVnni or Int8Kernel.Avx512BW or Int8Kernel.Avx2;

    /// <summary>The rows for the kernel this CPU runs fastest (<see cref="Int8Scan.KernelFor"/>).</summary>
    public static Int8Rows Encode(ReadOnlySpan<sbyte> codes, int dimensions) => Encode(codes, dimensions, Int8Scan.KernelFor(dimensions));

    /// <summary>The rows for a given kernel (tests force each one); it must run on this CPU.</summary>
    public static Int8Rows Encode(ReadOnlySpan<sbyte> codes, int dimensions, Int8Kernel kernel)
    {
        if (dimensions < 1 || codes.Length % dimensions != 0)
        {
            throw new ArgumentException("the codes are not whole rows of this size", nameof(codes));
        }
        if (!Int8Scan.Supported(kernel, dimensions))
        {
            throw new PlatformNotSupportedException($"the {kernel} int8 kernel does not run {dimensions}-d rows on this CPU");
        }
        var rows = new byte[codes.Length];
        var shift = kernel is Int8Kernel.AvxVnni or Int8Kernel.Avx512BW or Int8Kernel.Avx2 ? 128 : 0;
        for (var i = 0; i < codes.Length; i++)
        {
            rows[i] = unchecked((byte)(codes[i] + shift));
        }
        return new Int8Rows(rows, dimensions, kernel);
    }
}
