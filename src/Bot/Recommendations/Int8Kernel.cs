namespace Bot.Recommendations;

/// <summary>The instructions an <see cref="Int8Scan"/> computes its dots with; <see cref="Int8Scan.KernelFor"/> picks one per CPU.</summary>
internal enum Int8Kernel
{
    /// <summary>One <see cref="Search.Int8Dot.Dot"/> per row and query: any CPU, any dimension.</summary>
    PerPair,

    /// <summary>256-bit vpmaddubsw on rows shifted to unsigned and queries of 7 bits, eight rows per register.</summary>
    Avx2,

    /// <summary>512-bit vpmaddubsw on rows shifted to unsigned and queries of 7 bits, sixteen rows per register.</summary>
    Avx512BW,

    /// <summary>256-bit vpdpbusd (VEX-encoded AVX-VNNI) on rows shifted to unsigned; dimensions a multiple of 32.</summary>
    AvxVnni,
}
