using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

public sealed class Int8ScanTests
{
    [Theory]
    [InlineData(512, 1, 37)]
    [InlineData(512, 5, 37)]
    [InlineData(512, 33, 601)]
    [InlineData(384, 2, 37)]
    [InlineData(100, 3, 37)]
    public void Dots_AnyRowsAndQueries_EqualTheIntegerSums(int dimensions, int queryCount, int rows)
    {
        var random = new Random(dimensions * 10 + queryCount);
        var codes = Enumerable.Range(0, rows * dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var queries = QueryCodes(random, queryCount * dimensions, dimensions);
        var into = new float[queryCount * rows];

        Int8Scan.Dots(Int8Rows.Encode(codes, dimensions), Ones(rows), queries, Ones(queryCount), into, rows);

        for (var q = 0; q < queryCount; q++)
        {
            for (var i = 0; i < rows; i++)
            {
                var expected = 0;
                for (var d = 0; d < dimensions; d++)
                {
                    expected += codes[i * dimensions + d] * queries[q * dimensions + d];
                }
                Assert.Equal(expected, into[q * rows + i]);
            }
        }
    }

    [Fact]
    public void Dots_OnlySomeRows_EachInTheOrderGiven()
    {
        var random = new Random(7);
        const int Dimensions = 64;
        var codes = Enumerable.Range(0, 300 * Dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var queries = QueryCodes(random, 3 * Dimensions, Dimensions);
        int[] only = [299, 3, 150, 4, 5, 6, 7, 0, 298];
        var everything = new float[3 * 300];
        var some = new float[3 * only.Length];

        Int8Scan.Dots(Int8Rows.Encode(codes, Dimensions), Ones(300), queries, Ones(3), everything, 300);
        Int8Scan.Dots(Int8Rows.Encode(codes, Dimensions), Ones(300), queries, Ones(3), some, only.Length, only);

        for (var q = 0; q < 3; q++)
        {
            for (var k = 0; k < only.Length; k++)
            {
                Assert.Equal(everything[q * 300 + only[k]], some[q * only.Length + k]);
            }
        }
    }

    [Theory]
    [InlineData(512)]
    [InlineData(100)]
    public void Dots_Bounds_AreEachQuerysLowestAndHighestPerBlock(int dimensions)
    {
        var random = new Random(dimensions);
        const int Rows = 301;
        var codes = Enumerable.Range(0, Rows * dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var queries = QueryCodes(random, 3 * dimensions, dimensions);
        var scales = Enumerable.Range(0, Rows).Select(_ => (float)random.NextDouble()).ToArray();
        var into = new float[3 * Rows];
        var blocks = Int8Scan.Blocks(Rows);
        var bounds = new float[6 * blocks];

        Int8Scan.Dots(Int8Rows.Encode(codes, dimensions), scales, queries, [0.5f, 0.25f, 2f], into, Rows, bounds: bounds);

        Assert.Equal(2, blocks);
        for (var q = 0; q < 3; q++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var block = into.AsSpan(q * Rows + b * Int8Scan.BlockRows, Math.Min(Int8Scan.BlockRows, Rows - b * Int8Scan.BlockRows)).ToArray();
                Assert.Equal(block.Min(), bounds[2 * (q * blocks + b)]);
                Assert.Equal(block.Max(), bounds[2 * (q * blocks + b) + 1]);
            }
        }
    }

    [Fact]
    public void Dots_Scales_MultiplyTheDot()
    {
        sbyte[] codes = [.. Enumerable.Repeat((sbyte)2, 64)];
        var into = new float[2];

        Int8Scan.Dots(Int8Rows.Encode([.. codes, .. codes], 64), [0.5f, 0.25f], codes, [0.1f], into, 2);

        Assert.Equal(4 * 64 * 0.5 * 0.1, into[0], 5);
        Assert.Equal(4 * 64 * 0.25 * 0.1, into[1], 5);
    }

    [Fact]
    public void Dots_ExtremeCodes_DoNotOverflow()
    {
        var codes = Enumerable.Repeat((sbyte)-127, 512).ToArray();
        var limit = Int8Scan.QueryLimit(Int8Scan.KernelFor(512));
        var query = Enumerable.Repeat((sbyte)-limit, 512).ToArray();
        var into = new float[1];

        Int8Scan.Dots(Int8Rows.Encode(codes, 512), Ones(1), query, Ones(1), into, 1);

        Assert.Equal(127 * limit * 512, into[0]);
    }

    [Fact]
    public void Dots_QueryCodesBeyondTheKernelsLimit_ThrowInsteadOfSaturating()
    {
        var kernel = Int8Scan.KernelFor(64);
        var limit = Int8Scan.QueryLimit(kernel);
        if (limit == 127)
        {
            return;
        }
        var codes = Enumerable.Repeat((sbyte)100, 64).ToArray();
        var query = Enumerable.Repeat((sbyte)(limit + 1), 64).ToArray();

        var error = Assert.Throws<ArgumentException>(() => Int8Scan.Dots(Int8Rows.Encode(codes, 64), Ones(1), query, Ones(1), new float[1], 1));

        Assert.Contains($"±{limit}", error.Message);
    }

    /// <summary>Random query codes within what this CPU's kernel takes for rows of this size.</summary>
    private static sbyte[] QueryCodes(Random random, int count, int dimensions)
    {
        var limit = Int8Scan.QueryLimit(Int8Scan.KernelFor(dimensions));
        return [.. Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-limit, limit + 1))];
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
