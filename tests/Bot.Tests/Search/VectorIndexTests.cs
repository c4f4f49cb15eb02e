using Bot.Search;

namespace Bot.Tests.Search;

public sealed class VectorIndexTests
{
    // Vectors are kept as int8 codes with a scale each: scores agree with float32 cosines to a few
    // thousandths (at these small dimensions; at 512 dimensions closer still).
    private const double Tolerance = 5e-3;

    [Fact]
    public void Search_RandomVectors_MatchesBruteForceCosineTopTen()
    {
        // More vectors than one chunk holds, so per-chunk results are merged.
        var (index, vectors) = RandomIndex(count: 20_000, dimensions: 48, seed: 7);
        var random = new Random(11);
        for (var q = 0; q < 5; q++)
        {
            var query = RandomVector(random, 48);

            var results = index.Search(query, 10);

            AssertMatchesBruteForce(results, BruteForce(vectors, query, allowed: null), 10);
        }
    }

    [Fact]
    public void Search_AllowedFilter_ReturnsOnlyAllowedRowIdsAndTheBestOfThem()
    {
        var (index, vectors) = RandomIndex(count: 5_000, dimensions: 32, seed: 3);
        var random = new Random(5);
        var allowed = Enumerable.Range(1, 5_000).Where(_ => random.Next(10) == 0).Select(i => (long)i).ToHashSet();
        var query = RandomVector(random, 32);

        var results = index.Search(query, 10, allowed);

        Assert.All(results, r => Assert.Contains(r.RowId, allowed));
        AssertMatchesBruteForce(results, BruteForce(vectors, query, allowed), 10);
    }

    [Fact]
    public void Search_KLargerThanCount_ReturnsEveryVectorBestFirst()
    {
        var (index, _) = RandomIndex(count: 5, dimensions: 8, seed: 1);

        var results = index.Search(RandomVector(new Random(2), 8), 10);

        Assert.Equal(5, results.Count);
        Assert.Equal(results.OrderByDescending(r => r.Score).Select(r => r.RowId), results.Select(r => r.RowId));
    }

    [Fact]
    public void Add_SameRowIdTwice_ReplacesTheVector()
    {
        var index = new VectorIndex("m", 2);
        index.Add(1, [1f, 0f]);
        index.Add(2, [0.6f, 0.8f]);

        index.Add(1, [0f, 1f]);

        Assert.Equal(2, index.Count);
        var best = index.Search([0f, 1f], 1).Single();
        Assert.Equal(1, best.RowId);
        Assert.Equal(1.0, best.Score, Tolerance);
    }

    [Fact]
    public void AddAndSearch_WrongDimensions_Throw()
    {
        var index = new VectorIndex("m", 3);

        Assert.Throws<ArgumentException>(() => index.Add(1, [1f, 2f]));
        Assert.Throws<ArgumentException>(() => index.Search([1f, 2f], 1));
    }

    private static void AssertMatchesBruteForce(IReadOnlyList<ScoredPaper> results, List<(long RowId, double Cosine)> expected, int k)
    {
        Assert.Equal(Math.Min(k, expected.Count), results.Count);
        var cosineOf = expected.ToDictionary(e => e.RowId, e => e.Cosine);
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(cosineOf[results[i].RowId], results[i].Score, Tolerance);
            if (i > 0)
            {
                Assert.True(results[i - 1].Score >= results[i].Score, "results are not best first");
            }
        }
        var kthBest = expected[k - 1].Cosine;
        if (expected.Count <= k || expected[k - 1].Cosine - expected[k].Cosine > 2 * Tolerance)
        {
            // A clear gap at the cut: the index must return exactly the brute-force set, each at a rank
            // whose true cosine is within the tolerance (near ties inside the set may swap).
            Assert.Equal(expected.Take(k).Select(e => e.RowId).Order(), results.Select(r => r.RowId).Order());
            Assert.All(results.Select((r, rank) => (r, rank)), x => Assert.Equal(expected[x.rank].Cosine, cosineOf[x.r.RowId], 2 * Tolerance));
        }
        else
        {
            // A near tie at the cut: any of the tied vectors may take the last places.
            Assert.All(results, r => Assert.True(cosineOf[r.RowId] >= kthBest - 2 * Tolerance));
        }
    }

    private static List<(long RowId, double Cosine)> BruteForce(float[][] vectors, float[] query, IReadOnlySet<long>? allowed)
    {
        var queryNorm = Math.Sqrt(query.Sum(x => (double)x * x));
        var scored = new List<(long, double)>();
        for (var i = 0; i < vectors.Length; i++)
        {
            var rowId = i + 1L;
            if (allowed is not null && !allowed.Contains(rowId))
            {
                continue;
            }
            double dot = 0, norm = 0;
            for (var d = 0; d < query.Length; d++)
            {
                dot += (double)vectors[i][d] * query[d];
                norm += (double)vectors[i][d] * vectors[i][d];
            }
            scored.Add((rowId, dot / (Math.Sqrt(norm) * queryNorm)));
        }
        return scored.OrderByDescending(s => s.Item2).ToList();
    }

    private static (VectorIndex Index, float[][] Vectors) RandomIndex(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var index = new VectorIndex("random", dimensions);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = RandomVector(random, dimensions);
            index.Add(i + 1, vectors[i]);
        }
        return (index, vectors);
    }

    private static float[] RandomVector(Random random, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
