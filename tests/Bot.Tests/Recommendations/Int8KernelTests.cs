using Bot.Recommendations;
using Bot.Search;
using Xunit.Abstractions;

namespace Bot.Tests.Recommendations;

/// <summary>
/// Each <see cref="Int8Kernel"/>, forced, against <see cref="Int8Dot.Dot"/>. A kernel this CPU lacks returns
/// early and says so in the test output (xunit 2 has no skip decided at run time).
/// </summary>
public sealed class Int8KernelTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> KernelsAndSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var kernel in Enum.GetNames<Int8Kernel>())
        {
            // 384 and 512: the models' sizes; 100 and 77: tails past the last whole register (77 also odd).
            foreach (var dimensions in new[] { 384, 512, 100, 77 })
            {
                data.Add(kernel, dimensions);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndSizes))]
    public void Dots_ForcedKernel_EqualInt8DotOnRandomAndExtremeCodes(string name, int dimensions)
    {
        var kernel = Enum.Parse<Int8Kernel>(name);
        if (!Runs(kernel, dimensions))
        {
            return;
        }
        // 300 rows: a whole block and a part one; 11 queries: a tile of eight (four for AVX2) and leftovers.
        const int Rows = 300, Queries = 11;
        var codes = Codes(new Random(dimensions), Rows, dimensions);
        var queries = Codes(new Random(dimensions + 1), Queries, dimensions, QueryRange(kernel));
        var into = new float[Queries * Rows];

        Int8Scan.Dots(Int8Rows.Encode(codes, dimensions, kernel), Ones(Rows), queries, Ones(Queries), into, Rows);

        for (var q = 0; q < Queries; q++)
        {
            for (var k = 0; k < Rows; k++)
            {
                Assert.Equal(Int8Dot.Dot(codes.AsSpan(k * dimensions, dimensions), queries.AsSpan(q * dimensions, dimensions)), into[q * Rows + k]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelsAndSizes))]
    public void Dots_ForcedKernelOnlySomeRowsWithBounds_SameCosinesAndBoundsAsPerPair(string name, int dimensions)
    {
        var kernel = Enum.Parse<Int8Kernel>(name);
        if (!Runs(kernel, dimensions))
        {
            return;
        }
        const int Rows = 600, Queries = 13;
        var random = new Random(dimensions * 3);
        var codes = Codes(random, Rows, dimensions);
        var queries = Codes(random, Queries, dimensions, QueryRange(kernel));
        var rowScales = Enumerable.Range(0, Rows).Select(_ => (float)random.NextDouble()).ToArray();
        var queryScales = Enumerable.Range(0, Queries).Select(_ => (float)random.NextDouble()).ToArray();
        // Out of order, a repeat, and 270 rows: a whole block and a part one.
        int[] only = [599, 3, 3, 300, 0, .. Enumerable.Range(10, 265)];
        var blocks = Int8Scan.Blocks(only.Length);
        var (expected, expectedBounds) = (new float[Queries * only.Length], new float[2 * Queries * blocks]);
        var (into, bounds) = (new float[Queries * only.Length], new float[2 * Queries * blocks]);

        Int8Scan.Dots(Int8Rows.Encode(codes, dimensions, Int8Kernel.PerPair), rowScales, queries, queryScales, expected, only.Length, only, expectedBounds);
        Int8Scan.Dots(Int8Rows.Encode(codes, dimensions, kernel), rowScales, queries, queryScales, into, only.Length, only, bounds);

        Assert.Equal(expected, into);
        Assert.Equal(expectedBounds, bounds);
        Assert.Equal((float)(Int8Dot.Dot(codes.AsSpan(599 * dimensions, dimensions), queries.AsSpan(0, dimensions)) * (double)rowScales[599] * queryScales[0]), into[0]);
    }

    [Fact]
    public void KernelFor_ThisCpu_RunsHere()
    {
        foreach (var dimensions in new[] { 384, 512, 77 })
        {
            output.WriteLine($"{dimensions}-d: {Int8Scan.KernelFor(dimensions)}");
            Assert.True(Int8Scan.Supported(Int8Scan.KernelFor(dimensions), dimensions));
        }
    }

    [Fact]
    public void Encode_AvxVnniOddSize_Throws()
    {
        Assert.Throws<PlatformNotSupportedException>(() => Int8Rows.Encode(new sbyte[77], 77, Int8Kernel.AvxVnni));
    }

    private bool Runs(Int8Kernel kernel, int dimensions)
    {
        if (Int8Scan.Supported(kernel, dimensions))
        {
            return true;
        }
        output.WriteLine($"not run: this CPU does not run the {kernel} kernel on {dimensions}-d rows");
        return false;
    }

    /// <summary>The query codes a kernel is tested on: within its limit, or every code (-128 too) for a kernel that takes any.</summary>
    private static int QueryRange(Int8Kernel kernel) => Int8Scan.QueryLimit(kernel) < 127 ? Int8Scan.QueryLimit(kernel) : 128;

    /// <summary>
    /// Random codes over the whole int8 range, and rows that are all -128, all -127, all 127, or alternate -128
    /// and 127; with a <paramref name="limit"/> (a kernel's queries), within ±limit and its extremes ±limit.
    /// </summary>
    private static sbyte[] Codes(Random random, int rows, int dimensions, int limit = 128)
    {
        var codes = new sbyte[rows * dimensions];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(codes.AsSpan()));
        var (low, high) = ((sbyte)-limit, (sbyte)Math.Min(limit, 127));
        for (var i = 0; limit < 128 && i < codes.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp((int)codes[i], low, high);
        }
        sbyte[][] extremes = [[low], [(sbyte)-Math.Min(limit, 127)], [high], [low, high]];
        for (var e = 0; e < extremes.Length; e++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                codes[e * dimensions + d] = extremes[e][d % extremes[e].Length];
                codes[(rows - 1 - e) * dimensions + d] = extremes[e][d % extremes[e].Length];
            }
        }
        return codes;
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
