using Bot.Digests;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class PaperMergeTests
{
    private const string Shared = "Sparse Mixture of Adapters for Efficient Fine-Tuning";

    [Fact]
    public void IngestFile_PaperInTwoDigests_IsStoredOnceWithBothAppearances()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        // The later digest arrives first: first_seen and last_seen must still span both days.
        var later = store.WriteFile("later.txt", DigestText.Build("2024-05-09",
            ("Graph Transformers for Molecule Property Prediction", DigestText.Abstract("molecule property prediction")),
            (Shared.ToUpperInvariant() + "!", DigestText.Abstract("adapter mixtures"))));
        var earlier = store.WriteFile("earlier.txt", DigestText.Build("2024-05-06",
            (Shared, DigestText.Abstract("adapter mixtures")),
            ("Learning to Route Queries Across Retrieval Indexes", DigestText.Abstract("query routing"))));

        var first = ingestor.IngestFile(later);
        var second = ingestor.IngestFile(earlier);

        Assert.Equal((1, 2, 0), (first.Digests, first.PapersNew, first.PapersExisting));
        Assert.Equal((1, 1, 1), (second.Digests, second.PapersNew, second.PapersExisting));
        var paper = store.Get<PaperStore>().FindPaper(Shared);
        Assert.NotNull(paper);
        Assert.Equal(new DateOnly(2024, 5, 6), paper.FirstSeen);
        Assert.Equal(new DateOnly(2024, 5, 9), paper.LastSeen);
        Assert.Equal([new DateOnly(2024, 5, 6), new DateOnly(2024, 5, 9)], paper.Appearances.Select(a => a.Date));
        Assert.Equal([1, 2], paper.Appearances.Select(a => a.Position));
        Assert.Equal(["earlier.txt", "later.txt"], paper.Appearances.Select(a => a.Source));
        var snapshot = StoreProbe.Take(store.DatabasePath);
        Assert.Equal((3, 2, 4, 3), (snapshot.Papers, snapshot.Digests, snapshot.Appearances, snapshot.FtsDocuments));
    }

    [Fact]
    public void IngestFile_AbstractWithLinks_StoresEachLinkWithItsKind()
    {
        using var store = TestStore.Create();
        var file = store.WriteFile("links.txt", DigestText.Build("2024-05-06",
            ("Fast Video Diffusion with Shared Noise", "We make video diffusion fast by sharing noise across frames. Code is at https://github.com/example/shared-noise. "
                + "Samples are on https://example.github.io/shared-noise/ and the talk is at https://www.youtube.com/watch?v=abc123."),
            ("Another Paper About Retrieval Augmentation", DigestText.Abstract("retrieval augmentation"))));

        var report = store.Get<DigestIngestor>().IngestFile(file);

        Assert.Empty(report.Errors);
        var paper = store.Get<PaperStore>().FindPaper("Fast Video Diffusion with Shared Noise");
        Assert.NotNull(paper);
        Assert.Equal(
            [("https://github.com/example/shared-noise", "code"), ("https://example.github.io/shared-noise/", "project"), ("https://www.youtube.com/watch?v=abc123", "video")],
            paper.Links.Select(l => (l.Url, l.Kind)));
        Assert.Equal(3, StoreProbe.Take(store.DatabasePath).Links);
    }

    [Fact]
    public async Task IngestFile_TitleOnlyPaperLaterWithAbstract_FillsInTheAbstract()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        const string titleOnly = "Quantized Attention Kernels for Edge Devices";
        var first = store.WriteFile("first.txt", DigestText.Build("2024-05-06",
            (titleOnly, ""),
            ("Curriculum Learning for Robot Grasping", DigestText.Abstract("robot grasping")),
            ("Self-Supervised Depth From Focal Stacks", DigestText.Abstract("depth estimation"))));
        var abstractText = "We quantize attention kernels to four bits so transformers run on microcontrollers. The kernels keep accuracy within one point.";
        var second = store.WriteFile("second.txt", DigestText.Build("2024-05-07",
            (titleOnly, abstractText),
            ("Better Tokenizers for Source Code", DigestText.Abstract("code tokenization"))));

        var firstReport = ingestor.IngestFile(first);
        var stored = store.Get<PaperStore>().FindPaper(titleOnly);
        ingestor.IngestFile(second);
        var filled = store.Get<PaperStore>().FindPaper(titleOnly);

        Assert.Contains(firstReport.Warnings, w => w.Contains("has no abstract", StringComparison.Ordinal));
        Assert.Equal("", stored?.Abstract);
        Assert.Equal(abstractText, filled?.Abstract);
        // The full-text index follows the update: a word only the new abstract has now finds the paper.
        var hits = await store.Get<SearchService>().SearchAsync(new SearchRequest("microcontrollers", Mode: SearchMode.Bm25), CancellationToken.None);
        Assert.Equal([titleOnly], hits.Results.Select(r => r.Title));
        StoreProbe.AssertIntact(store.DatabasePath);
    }

    [Fact]
    public void IngestFile_PaperAgainWithOtherAbstract_KeepsTheFirstAbstract()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        var firstAbstract = DigestText.Abstract("adapter mixtures");
        ingestor.IngestFile(store.WriteFile("a.txt", DigestText.Build("2024-05-06", (Shared, firstAbstract))));
        ingestor.IngestFile(store.WriteFile("b.txt", DigestText.Build("2024-05-07", (Shared, DigestText.Abstract("something else entirely")))));

        Assert.Equal(firstAbstract, store.Get<PaperStore>().FindPaper(Shared)?.Abstract);
    }
}
