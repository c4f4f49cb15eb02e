using Bot.Digests;
using Bot.Recommendations;
using Bot.Search;
using Bot.Tests.Support;

namespace Bot.Tests.Recommendations;

/// <summary>The shared digests embedded by the default model (about 15 s on two cores), as <c>eval recommend</c> sees them by default.</summary>
public sealed class DefaultModelDigestStore : IDisposable
{
    public DefaultModelDigestStore()
    {
        var defaults = new Bot.Embeddings.EmbeddingOptions();
        Store = TestStore.Create(settings: new Dictionary<string, string?>
        {
            ["Bot:Embeddings:Provider"] = defaults.Provider,
            ["Bot:Embeddings:Pooling:Strategy"] = defaults.Pooling.Strategy,
        });
        var report = Store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None).GetAwaiter().GetResult();
        Assert.Empty(report.Errors);
    }

    internal TestStore Store { get; }

    public void Dispose() => Store.Dispose();
}

public sealed class RecommendationEvaluationTests(DefaultModelDigestStore shared) : IClassFixture<DefaultModelDigestStore>
{
    private static string DevUsers => Path.Combine(TestPaths.SharedEval, "dev-users.jsonl");

    [Fact]
    public async Task EvaluateAsync_DevUsersWithDefaultModel_BothBeatsTheBaseline()
    {
        var users = RecommendationEvaluator.Load(DevUsers);

        var results = await shared.Store.Get<RecommendationEvaluator>().EvaluateAsync(users, CancellationToken.None);

        Assert.Equal(RecommendationEvaluator.Modes, results.Keys);
        Assert.All(results.Values, m => Assert.Equal(users.Count, m.Users));
        var both = results["both"];
        var baseline = results["baseline"];
        // Measured with all-MiniLM-L6-v2: both 0.751, interest 0.629, likes 0.727, baseline 0.559 (USE-lite's
        // ranker gave both 0.729); the issue's target of 0.80 is not reached (docs/benchmarks.md).
        Assert.True(both.NdcgAt10 >= 0.745, $"both nDCG@10 = {both.NdcgAt10:F4}");
        Assert.True(both.NdcgAt10 >= baseline.NdcgAt10 + 0.15, $"both {both.NdcgAt10:F4}, baseline {baseline.NdcgAt10:F4}");
        Assert.True(results["interest"].NdcgAt10 >= 0.62, $"interest nDCG@10 = {results["interest"].NdcgAt10:F4}");
        Assert.True(results["likes"].NdcgAt10 >= 0.72, $"likes nDCG@10 = {results["likes"].NdcgAt10:F4}");
        Assert.True(both.NdcgAt10 > results["interest"].NdcgAt10 && both.NdcgAt10 > results["likes"].NdcgAt10, "both uses what each alone knows");
        Assert.InRange(baseline.NdcgAt10, 0.5, 0.62);
    }

    [Fact]
    public async Task EvaluateAsync_TitleNotInStore_IsAnErrorNamingUserAndTitle()
    {
        SimulatedUser[] users = [new("u1", "model merging", ["Resolving Interference When Merging Models"], ["A Paper That No Digest Ever Listed"])];

        var error = await Assert.ThrowsAsync<EvaluationDataException>(() =>
            shared.Store.Get<RecommendationEvaluator>().EvaluateAsync(users, CancellationToken.None));

        Assert.Contains("u1: \"A Paper That No Digest Ever Listed\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedLine_IsAClearErrorWithFileAndLine()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("users.jsonl", File.ReadLines(DevUsers).First() + "\n{\"uid\": \"bad\", \"interest\": \"no lists\"}\n");

        var error = Assert.Throws<EvaluationDataException>(() => RecommendationEvaluator.Load(path));

        Assert.StartsWith($"{path}:2: expected", error.Message, StringComparison.Ordinal);
    }
}
