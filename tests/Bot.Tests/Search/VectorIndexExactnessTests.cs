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
        var stored = new List<(long RowId, sbyte[] Codes, float Scale)>();
        for (var rowId = 1; rowId <= 5000; rowId++)
        {
            var vector = RandomVector(random, dimensions);
            index.Add(rowId, vector);
            var (codes, scale) = Code(vector);
            stored.Add((rowId, codes, scale));
        }
        var query = RandomVector(random, dimensions);
        var (queryCodes, queryScale) = Code(query);

        var found = index.Search(query, 20);

        // The index is exact over what it stores: the int8 codes of the unit vectors.
        var expected = stored
            .Select(s => (s.RowId, Score: (double)s.Codes.Select((c, i) => c * queryCodes[i]).Sum() * s.Scale * queryScale))
            .OrderByDescending(s => s.Score).ThenBy(s => s.RowId).Take(20).ToList();
        Assert.Equal(expected.Select(e => e.RowId), found.Select(f => f.RowId));
        Assert.All(found.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-5));
    }

    private static (sbyte[] Codes, float Scale) Code(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        var codes = new sbyte[vector.Length];
        var scale = Int8Dot.Quantize(vector.Select(x => x / norm).ToArray(), codes);
        return (codes, scale);
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

    private static float[] RandomVector(Random random, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(_ => random.NextSingle() * 2 - 1).ToArray();
}
