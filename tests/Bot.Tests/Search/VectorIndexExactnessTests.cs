using Bot.Search;

namespace Bot.Tests.Search;

public sealed class VectorIndexExactnessTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(100)] // not a multiple of the 32- or 16-wide blocks: the scalar tail runs too
    [InlineData(7)]
    public void Search_RandomVectors_MatchesBruteForceOverStoredValues(int dimensions)
    {
        var random = new Random(11);
        var index = new VectorIndex("m", dimensions);
        var stored = new List<(long RowId, double[] Vector)>();
        for (var rowId = 1; rowId <= 5000; rowId++)
        {
            var vector = RandomVector(random, dimensions);
            index.Add(rowId, vector);
            var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
            stored.Add((rowId, vector.Select(x => (double)(float)(Half)(float)(x / norm)).ToArray()));
        }
        var query = RandomVector(random, dimensions);
        var queryNorm = Math.Sqrt(query.Sum(x => (double)x * x));

        var found = index.Search(query, 20);

        var expected = stored
            .Select(s => (s.RowId, Score: s.Vector.Select((x, i) => x * (query[i] / queryNorm)).Sum()))
            .OrderByDescending(s => s.Score).Take(20).ToList();
        Assert.Equal(expected.Select(e => e.RowId), found.Select(f => f.RowId));
        Assert.All(found.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5));
    }

    [Fact]
    public void Search_WithAllowedSet_ReturnsOnlyAllowedRows()
    {
        var random = new Random(5);
        var index = new VectorIndex("m", 64);
        for (var rowId = 1; rowId <= 10_000; rowId++)
        {
            index.Add(rowId, RandomVector(random, 64));
        }
        var allowed = new HashSet<long> { 3, 4_097, 9_999 }; // in different scan parts

        var found = index.Search(RandomVector(random, 64), 10, allowed);

        Assert.Equal(allowed.Order(), found.Select(f => f.RowId).Order());
    }

    [Fact]
    public void HalfDot_SignedAndSubnormalValues_AreConvertedExactly()
    {
        Half[] values = [Half.Epsilon, -Half.Epsilon, (Half)6.1e-5f, (Half)(-0.5f), (Half)1f, Half.Zero, Half.NegativeZero, (Half)0.33325f];
        var vector = Enumerable.Range(0, 40).Select(i => values[i % values.Length]).ToArray(); // 32-wide block plus a tail
        var query = Enumerable.Range(0, 40).Select(i => (float)Math.Pow(2, i % 5) * (i % 3 == 0 ? -1 : 1)).ToArray();
        var prepared = new float[40];
        HalfDot.PrepareQuery(query, prepared);

        var dot = HalfDot.Dot(vector, prepared);

        var expected = vector.Select((h, i) => (double)(float)h * query[i]).Sum();
        Assert.Equal(expected, dot, 1e-6);
    }

    private static float[] RandomVector(Random random, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(_ => random.NextSingle() * 2 - 1).ToArray();
}
