using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

public sealed class Int8ScanTests
{
    [Theory]
    [InlineData(512, 1)]
    [InlineData(512, 5)]
    [InlineData(384, 2)]
    [InlineData(100, 3)]
    public void Dots_AnyRowsAndQueries_EqualTheIntegerSums(int dimensions, int queryCount)
    {
        var random = new Random(dimensions * 10 + queryCount);
        const int Rows = 37;
        var codes = Enumerable.Range(0, Rows * dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var queries = Enumerable.Range(0, queryCount * dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var into = Enumerable.Range(0, queryCount).Select(_ => new double[Rows]).ToArray();

        Int8Scan.Dots(Int8Scan.RowCodes(codes, dimensions), dimensions, Ones(Rows), queries, Ones(queryCount), into);

        for (var q = 0; q < queryCount; q++)
        {
            for (var i = 0; i < Rows; i++)
            {
                var expected = 0;
                for (var d = 0; d < dimensions; d++)
                {
                    expected += codes[i * dimensions + d] * queries[q * dimensions + d];
                }
                Assert.Equal(expected, into[q][i]);
            }
        }
    }

    [Fact]
    public void Dots_Scales_MultiplyTheDot()
    {
        sbyte[] codes = [.. Enumerable.Repeat((sbyte)2, 64)];
        var into = new[] { new double[2] };

        Int8Scan.Dots(Int8Scan.RowCodes([.. codes, .. codes], 64), 64, [0.5f, 0.25f], codes, [0.1f], into);

        Assert.Equal(4 * 64 * 0.5 * 0.1, into[0][0], 6);
        Assert.Equal(4 * 64 * 0.25 * 0.1, into[0][1], 6);
    }

    [Fact]
    public void Dots_ExtremeCodes_DoNotOverflow()
    {
        var codes = Enumerable.Repeat((sbyte)-127, 512).ToArray();
        var into = new[] { new double[1] };

        Int8Scan.Dots(Int8Scan.RowCodes(codes, 512), 512, Ones(1), codes, Ones(1), into);

        Assert.Equal(127 * 127 * 512, into[0][0]);
    }

    private static float[] Ones(int count) => [.. Enumerable.Repeat(1f, count)];
}
