using Bot.Search;
using Bot.Tests.Support;

namespace Bot.Tests.Search;

public sealed class SearchEvaluationTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private static string DevSearch => Path.Combine(TestPaths.SharedEval, "dev-search.jsonl");

    [Fact]
    public async Task EvaluateAsync_Bm25OnDevSet_ReachesNdcgOfSeventyPercent()
    {
        var queries = SearchEvaluator.Load(DevSearch);

        var metrics = await shared.Store.Get<SearchEvaluator>().EvaluateAsync(queries, SearchMode.Bm25, CancellationToken.None);

        Assert.Equal(25, metrics.Queries);
        Assert.True(metrics.NdcgAt10 >= 0.70, $"nDCG@10 = {metrics.NdcgAt10:F4}");
        Assert.InRange(metrics.RecallAt10, 0.0, 1.0);
        Assert.InRange(metrics.Mrr, 0.0, 1.0);
    }

    [Fact]
    public async Task EvaluateAsync_JudgedTitleNotInStore_IsAnErrorNotAZero()
    {
        JudgedQuery[] queries =
        [
            new("q1", "model merging", new Dictionary<string, int> { ["Merging Models with Fisher-Weighted Averaging"] = 2 }),
            new("q2", "robots", new Dictionary<string, int> { ["A Paper That No Digest Ever Listed"] = 2 }),
        ];

        var error = await Assert.ThrowsAsync<EvaluationDataException>(() =>
            shared.Store.Get<SearchEvaluator>().EvaluateAsync(queries, SearchMode.Bm25, CancellationToken.None));

        Assert.Contains("q2: \"A Paper That No Digest Ever Listed\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fisher", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"qid\": \"bad\", \"query\": ")]
    [InlineData("{\"qid\": \"bad\", \"query\": \"no judgements\"}")]
    [InlineData("{\"qid\": \"bad\", \"query\": \"x\", \"relevant\": {\"A title\": \"two\"}}")]
    [InlineData("not json at all")]
    public void Load_MalformedLine_IsAClearErrorWithFileAndLine(string badLine)
    {
        using var folder = new TempDirectory();
        var path = folder.Write("judged.jsonl", File.ReadLines(DevSearch).First() + "\n\n" + badLine + "\n");

        var error = Assert.Throws<EvaluationDataException>(() => SearchEvaluator.Load(path));

        Assert.StartsWith($"{path}:3: expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LineWithoutAField_NamesTheShapeNotTheRuntimesMessage()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("judged.jsonl", "{\"qid\": \"bad\", \"query\": \"no judgements\"}\n");

        var error = Assert.Throws<EvaluationDataException>(() => SearchEvaluator.Load(path));

        Assert.EndsWith("a field is missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_IsAnErrorNotZeroScores()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("judged.jsonl", "\n\n");

        var error = Assert.Throws<EvaluationDataException>(() => SearchEvaluator.Load(path));

        Assert.StartsWith($"{path}: no cases in it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ndcg_HandComputedRanking_MatchesTheFormula()
    {
        var grades = new Dictionary<long, int> { [1] = 2, [2] = 1 };

        var ndcg = SearchEvaluator.Ndcg([3, 1, 2], grades, 10);

        var dcg = 2 / Math.Log2(3) + 1 / Math.Log2(4);
        var ideal = 2 / Math.Log2(2) + 1 / Math.Log2(3);
        Assert.Equal(dcg / ideal, ndcg, 1e-12);
    }
}
