using Bot.Digests;
using Bot.Embeddings;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Search;

/// <summary>Vector and hybrid search with the fake bag-of-words model standing in for a real one.</summary>
public sealed class EmbeddingSearchTests
{
    private static readonly (string Title, string Abstract)[] Papers =
    [
        ("Protein Folding with Equivariant Networks", "Equivariant networks predict protein structures from amino acid sequences. Folding accuracy rises on hard targets."),
        ("Text to Speech for Low Resource Languages", "We synthesise natural speech for languages with little recorded audio. Listeners prefer our voices."),
        ("Reinforcement Learning for Chip Placement", "An agent places macros on silicon chips with reinforcement learning. Placement quality matches experts."),
        ("Merging Fine-Tuned Models Without Retraining", "We merge the weights of fine-tuned models into one multitask model. No retraining is needed after merging."),
    ];

    [Fact]
    public async Task IngestPaths_WithModel_EmbedsOnlyNewPapers()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var ingestor = store.Get<DigestIngestor>();
        store.WriteFile("in/a.txt", DigestText.Build("2024-05-06", Papers[..3]));

        await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "in")], CancellationToken.None);
        var modelId = store.Get<ActiveEmbeddingModel>().ModelId!;
        var afterFirst = store.Get<EmbeddingStore>().Count(modelId);
        store.WriteFile("in/b.txt", DigestText.Build("2024-05-07", Papers[2..]));
        await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "in")], CancellationToken.None);

        Assert.Equal(3, afterFirst);
        Assert.Equal(4, store.Get<EmbeddingStore>().Count(modelId));
        Assert.Equal(4, store.Embeddings!.TextsEmbedded);
        Assert.Equal($"{FakeEmbeddingGenerator.ModelId}/first", modelId);
    }

    [Fact]
    public async Task IngestPaths_PaperCutShortThenWhole_StoresTheWholeAbstractAndEmbedsItAgain()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var ingestor = store.Get<DigestIngestor>();
        var (title, whole) = Papers[3];
        store.WriteFile("in/a.txt", DigestText.Build("2024-05-06", Papers[0], (title, whole[..40])));
        await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "in")], CancellationToken.None);
        var embeddedBefore = store.Embeddings!.TextsEmbedded;

        store.WriteFile("in/b.txt", DigestText.Build("2024-05-07", Papers[1], (title, whole)));
        await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "in")], CancellationToken.None);

        var paper = store.Get<PaperStore>().FindPaper(title)!;
        Assert.Equal(whole, paper.Abstract);
        // The new paper, and the one whose abstract grew: the vector follows the text.
        Assert.Equal(embeddedBefore + 2, store.Embeddings!.TextsEmbedded);
        Assert.Equal(4 - 1, store.Get<EmbeddingStore>().Count(store.Get<ActiveEmbeddingModel>().ModelId!));
    }

    [Fact]
    public async Task AvailableModes_ModelWithoutVectors_IsBm25OnlyAndVectorSearchSaysWhy()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var search = store.Get<SearchService>();

        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() =>
            search.SearchAsync(new SearchRequest("protein", Mode: SearchMode.Vector), CancellationToken.None));

        Assert.Equal([SearchMode.Bm25], search.AvailableModes());
        Assert.Contains(FakeEmbeddingGenerator.ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AvailableModes_ModelWithVectors_IncludesVectorAndHybridAndDefaultsToHybrid()
    {
        using var store = await StoreWithPapers();
        var search = store.Get<SearchService>();

        var response = await search.SearchAsync(new SearchRequest("protein folding"), CancellationToken.None);

        Assert.Equal([SearchMode.Bm25, SearchMode.Vector, SearchMode.Hybrid], search.AvailableModes());
        Assert.Equal(SearchMode.Hybrid, search.DefaultMode);
        Assert.Equal(SearchMode.Hybrid, response.Mode);
    }

    [Fact]
    public async Task Search_VectorMode_ReturnsTheMostSimilarPaperFirst()
    {
        using var store = await StoreWithPapers();

        var response = await store.Get<SearchService>().SearchAsync(
            new SearchRequest("merge weights of fine-tuned models into one multitask model", 4, SearchMode.Vector), CancellationToken.None);

        Assert.Equal(Papers[3].Title, response.Results[0].Title);
        Assert.Equal(SearchMode.Vector, response.Mode);
        Assert.True(response.Results[0].Score > response.Results[1].Score);
    }

    [Fact]
    public async Task Search_VectorModeWithDateFilter_ReturnsOnlyPapersInRange()
    {
        using var store = await StoreWithPapers();

        var response = await store.Get<SearchService>().SearchAsync(
            new SearchRequest("merge weights of fine-tuned models", 4, SearchMode.Vector, new SearchFilters(Until: new DateOnly(2024, 5, 6))),
            CancellationToken.None);

        Assert.Equal(Papers[..2].Select(p => p.Title).Order(), response.Results.Select(r => r.Title).Order());
    }

    [Fact]
    public async Task RankAsync_Hybrid_IsTheConvexFusionOfBm25AndVector()
    {
        // The fusion itself: no floor on vector-only papers (the fake model's cosines are not a real model's).
        using var store = await StoreWithPapers(new Dictionary<string, string?> { ["Bot:Search:MinVectorOnlyScore"] = "0" });
        var search = store.Get<SearchService>();
        const string query = "speech synthesis for languages with little audio";

        var lexical = await search.RankAsync(query, SearchMode.Bm25, 100, SearchFilters.None, CancellationToken.None);
        var vector = await search.RankAsync(query, SearchMode.Vector, 100, SearchFilters.None, CancellationToken.None);
        var hybrid = await search.RankAsync(query, SearchMode.Hybrid, 3, SearchFilters.None, CancellationToken.None);

        Assert.NotEmpty(lexical);
        Assert.Equal(4, vector.Count);
        Assert.Equal(ConvexFusion.Fuse(lexical, vector, store.Get<IOptions<SearchOptions>>().Value.LexicalWeight, 3), hybrid);
        Assert.Equal(store.Get<PaperStore>().FindPaper(Papers[1].Title)!.RowId, hybrid[0].RowId);
    }

    [Fact]
    public async Task RankAsync_NoWordMatchesAndNoVectorIsClose_HybridFindsNothing()
    {
        // The fake model's cosines are not a real model's: a floor above any of them stands for "no vector is close".
        using var store = await StoreWithPapers(new Dictionary<string, string?> { ["Bot:Search:MinVectorOnlyScore"] = "0.99" });
        using var open = await StoreWithPapers(new Dictionary<string, string?> { ["Bot:Search:MinVectorOnlyScore"] = "0" });
        const string query = "zqxv wrrlpt";

        var hybrid = await store.Get<SearchService>().RankAsync(query, SearchMode.Hybrid, 3, SearchFilters.None, CancellationToken.None);
        var vector = await store.Get<SearchService>().RankAsync(query, SearchMode.Vector, 3, SearchFilters.None, CancellationToken.None);
        var withoutFloor = await open.Get<SearchService>().RankAsync(query, SearchMode.Hybrid, 3, SearchFilters.None, CancellationToken.None);

        Assert.Empty(hybrid);
        // Asked for explicitly, the nearest neighbours by vector are still shown; without the floor hybrid shows them too.
        Assert.NotEmpty(vector);
        Assert.NotEmpty(withoutFloor);
    }

    [Fact]
    public async Task RankAsync_OneWordMatches_FarVectorOnlyPapersAreLeftOut()
    {
        using var store = await StoreWithPapers(new Dictionary<string, string?> { ["Bot:Search:MinVectorOnlyScore"] = "0.99" });
        var search = store.Get<SearchService>();
        const string query = "protein banana bread";

        var lexical = await search.RankAsync(query, SearchMode.Bm25, 100, SearchFilters.None, CancellationToken.None);
        var hybrid = await search.RankAsync(query, SearchMode.Hybrid, 10, SearchFilters.None, CancellationToken.None);

        Assert.NotEmpty(lexical);
        Assert.Equal(lexical.Select(p => p.RowId).Order(), hybrid.Select(p => p.RowId).Order());
    }

    [Theory]
    [InlineData(SearchMode.Bm25)]
    [InlineData(SearchMode.Vector)]
    [InlineData(SearchMode.Hybrid)]
    public async Task RankAsync_EmojiOrPunctuationOnly_FindsNothingInAnyMode(SearchMode mode)
    {
        using var store = await StoreWithPapers(new Dictionary<string, string?> { ["Bot:Search:MinVectorOnlyScore"] = "0" });

        var ranked = await store.Get<SearchService>().RankAsync("🤖🔥 ?!", mode, 3, SearchFilters.None, CancellationToken.None);

        Assert.Empty(ranked);
    }

    [Fact]
    public async Task RankAsync_HybridWithRrfConfigured_IsTheWeightedReciprocalRankFusion()
    {
        // Unequal weights, so the weighting shows against plain reciprocal rank fusion.
        using var store = await StoreWithPapers(new Dictionary<string, string?>
        {
            ["Bot:Search:Fusion"] = "rrf", ["Bot:Search:LexicalWeight"] = "0.8", ["Bot:Search:MinVectorOnlyScore"] = "0",
        });
        var search = store.Get<SearchService>();
        const string query = "speech synthesis for languages with little audio";

        var lexical = await search.RankAsync(query, SearchMode.Bm25, 100, SearchFilters.None, CancellationToken.None);
        var vector = await search.RankAsync(query, SearchMode.Vector, 100, SearchFilters.None, CancellationToken.None);
        var hybrid = await search.RankAsync(query, SearchMode.Hybrid, 3, SearchFilters.None, CancellationToken.None);

        Assert.Equal(ReciprocalRankFusion.Fuse([lexical, vector], [0.8, 1 - 0.8], 60, 3), hybrid);
        Assert.NotEqual(ReciprocalRankFusion.Fuse([lexical, vector], 60, 3).Select(p => p.Score), hybrid.Select(p => p.Score));
    }

    [Fact]
    public async Task VectorIndexCache_VectorsAddedAfterFirstLoad_AreFound()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var ingestor = store.Get<DigestIngestor>();
        var cache = store.Get<VectorIndexCache>();
        await ingestor.IngestPathsAsync([store.WriteFile("a.txt", DigestText.Build("2024-05-06", Papers[..2]))], CancellationToken.None);
        var modelId = store.Get<ActiveEmbeddingModel>().ModelId!;
        var first = cache.Get(modelId);
        var firstCount = first?.Count;

        await ingestor.IngestPathsAsync([store.WriteFile("b.txt", DigestText.Build("2024-05-07", Papers[2..]))], CancellationToken.None);
        var second = cache.Get(modelId);

        Assert.Equal(2, firstCount);
        Assert.Equal(4, second?.Count);
        var merged = store.Get<PaperStore>().FindPaper(Papers[3].Title)!;
        var best = second!.Search(FakeEmbeddingGenerator.Embed(ActiveEmbeddingModel.PaperText(merged.Title, merged.Abstract)), 1).Single();
        Assert.Equal(merged.RowId, best.RowId);
    }

    [Fact]
    public void VectorIndexCache_ModelWithoutVectors_ReturnsNull()
    {
        using var store = TestStore.Create(withEmbeddings: true);

        Assert.Null(store.Get<VectorIndexCache>().Get(FakeEmbeddingGenerator.ModelId));
    }

    private static async Task<TestStore> StoreWithPapers(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var store = TestStore.Create(withEmbeddings: true, settings);
        var ingestor = store.Get<DigestIngestor>();
        store.WriteFile("in/a.txt", DigestText.Build("2024-05-06", Papers[..2]));
        store.WriteFile("in/b.txt", DigestText.Build("2024-05-07", Papers[2..]));
        var report = await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "in")], CancellationToken.None);
        Assert.Empty(report.Errors);
        return store;
    }
}
