using Bot.Digests;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Search;

/// <summary>The BM25 row budget: latency follows matching rows, so common words are dropped first.</summary>
public sealed class Bm25BudgetTests
{
    private static async Task<TestStore> StoreAsync()
    {
        // 1,500 papers all say "baseline"; every fifth also says "zeolite" (300 papers).
        var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Search:MaxScoredRows"] = "1000" });
        var papers = Enumerable.Range(0, 1500).Select(i => (
            $"Paper {i:0000} on topic {i}",
            i % 5 == 0 ? $"We compare a baseline with zeolite catalysts in study {i}. It works." : $"We compare a baseline in study {i}. It works."))
            .ToArray();
        var report = await store.Get<DigestIngestor>().IngestPathsAsync([store.WriteFile("d.txt", DigestText.Build("May 6", papers))], CancellationToken.None);
        Assert.Empty(report.Errors);
        return store;
    }

    [Fact]
    public async Task Search_CommonTermOverTheBudget_IsDroppedAndTheRareOneRanks()
    {
        using var store = await StoreAsync();

        var hits = store.Get<Bm25Searcher>().Search("zeolite baseline", 400, SearchFilters.None);

        Assert.Equal(300, hits.Count);
        var papers = store.Get<PaperStore>().GetPapers([.. hits.Select(h => h.RowId)]);
        Assert.All(papers, p => Assert.Contains("zeolite", p.Abstract, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_OnlyACommonTerm_ScoresTheNewestPapersWithinTheBudget()
    {
        using var store = await StoreAsync();
        var newestRowId = store.Get<PaperStore>().FindPaper("Paper 1499 on topic 1499")!.RowId;

        var hits = store.Get<Bm25Searcher>().Search("baseline", 2000, SearchFilters.None);

        Assert.Equal(1000, hits.Count);
        Assert.All(hits, h => Assert.True(h.RowId > newestRowId - 1000));
    }

    [Fact]
    public async Task Search_WithAFilter_IsNotCutToTheNewestPapers()
    {
        using var store = await StoreAsync();

        var hits = store.Get<Bm25Searcher>().Search("baseline", 2000, new SearchFilters(Since: new DateOnly(2000, 1, 1)));

        Assert.Equal(1500, hits.Count);
    }
}
