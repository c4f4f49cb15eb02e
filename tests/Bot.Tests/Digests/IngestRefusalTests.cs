using System.Text;
using Bot.Digests;
using Bot.Search;
using Bot.Tests.Support;

namespace Bot.Tests.Digests;

/// <summary>
/// Through the ingestor and the store: what is refused leaves the store untouched, and what is
/// accepted is stored clean enough to be found.
/// </summary>
public sealed class IngestRefusalTests
{
    private static readonly DateTimeOffset ArrivedAt = new(2026, 5, 10, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Refused => new()
    {
        { "r.txt", "looks like a binary file, not a digest" },
        { "cats.html", "not a Daily Papers digest" },
    };

    private static byte[] Content(string name)
    {
        if (name == "cats.html")
        {
            return Encoding.UTF8.GetBytes("<html><head><title>Not a digest</title></head><body><h1>Welcome</h1><p>Just a blog post about cats.</p></body></html>");
        }
        var random = new Random(10_000);
        return Enumerable.Range(0, 10_000).Select(_ => (byte)random.Next(1, 256)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void IngestFile_NotADigest_ReportsErrorAndStoresNothing(string name, string problem)
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestFile(store.WriteFile("real.txt", DigestText.Build("2024-05-06", ("Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval")))));
        var before = StoreProbe.Take(store.DatabasePath);
        var path = Path.Combine(store.Folder, name);
        File.WriteAllBytes(path, Content(name));

        var report = ingestor.IngestFile(path);

        var error = Assert.Single(report.Errors);
        Assert.Contains(name, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Equal((0, 0), (report.Digests, report.PapersNew));
        Assert.Empty(report.Warnings);
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
    }

    [Fact]
    public void IngestFile_LatinOneDigest_StoredWithAccentsAndWarning()
    {
        using var store = TestStore.Create();
        var text = DigestText.Build("2024-05-06",
            ("Café Crème: Diffusion für Desserts", "Nous présentons une méthode rapide. Elle améliore les résultats de 3 points sur trois bancs d'essai."),
            ("Second Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval")));

        var report = store.Get<DigestIngestor>().IngestContent(Encoding.Latin1.GetBytes(text), "latin1.txt", ArrivedAt);

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.PapersNew);
        Assert.Contains(report.Warnings, w => w.Contains("Latin-1", StringComparison.Ordinal));
        Assert.NotNull(store.Get<Bot.Store.PaperStore>().FindPaper("Café Crème: Diffusion für Desserts"));
    }

    [Fact]
    public void IngestFile_Utf8WithOneStrayByte_KeepsTheAccentsAndWarns()
    {
        using var store = TestStore.Create();
        var text = DigestText.Build("2024-05-06",
            ("Café Crème: Diffusion für Desserts", "Nous présentons une méthode rapide. Elle améliore les résultats de 3 points sur trois bancs d'essai."),
            ("Second Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval")));
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        bytes.Insert(bytes.Count / 2, 0x92);

        var report = store.Get<DigestIngestor>().IngestContent([.. bytes], "mixed.txt", ArrivedAt);

        Assert.Empty(report.Errors);
        Assert.Contains(report.Warnings, w => w.Contains("1 byte was not valid UTF-8 and was dropped", StringComparison.Ordinal));
        Assert.NotNull(store.Get<Bot.Store.PaperStore>().FindPaper("Café Crème: Diffusion für Desserts"));
    }

    [Fact]
    public void IngestFile_Windows1252Punctuation_KeptNotGlued()
    {
        using var store = TestStore.Create();
        var text = DigestText.Build("2024-05-06",
            ("The Landscape’s Teacher–Student Gap", "We study the naïve “teacher–student” setting in detail. It explains the gap — up to 12 points — on three benchmarks."),
            ("Second Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval")));

        var report = store.Get<DigestIngestor>().IngestContent(Bot.Tests.Support.Cp1252.GetBytes(text), "cp1252.txt", ArrivedAt);

        Assert.Empty(report.Errors);
        var paper = store.Get<Bot.Store.PaperStore>().FindPaper("The Landscape’s Teacher–Student Gap");
        Assert.NotNull(paper);
        Assert.Contains("“teacher–student”", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestFile_LatinOneDigestFullOfUnitsAndSymbols_IsNotTakenForBinary()
    {
        using var store = TestStore.Create();
        var text = DigestText.Build("2024-05-06",
            ("Thermal Cycling of Solder Joints", "Joints were cycled between -40 °C and 125 °C for 10³ cycles. Cracks of 12 ± 3 µm appeared at 2 × 10² cycles; 5 % failed at ½ load."),
            ("Micro-Scale Fatigue at ±5 µm", "Samples of 50 µm × 50 µm saw strains of ±0.2 % at 150 °C. Lifetimes fell by ¼ per 10 °C (± 2 %)."));

        var report = store.Get<DigestIngestor>().IngestContent(Encoding.Latin1.GetBytes(text), "latin1_dense.txt", ArrivedAt);

        Assert.Empty(report.Errors);
        Assert.Equal(2, report.PapersNew);
    }

    [Fact]
    public async Task Search_FullwidthTitleIngested_FoundByAsciiQuery()
    {
        using var store = TestStore.Create();
        store.Get<DigestIngestor>().IngestFile(store.WriteFile("d.txt", DigestText.Build("2024-05-06",
            ("\u202EReversed Title \u200B Zero Width 🤖 \uFF26\uFF55\uFF4C\uFF4C", DigestText.Abstract("reversal")),
            ("Unrelated Work on Speech Recognition", DigestText.Abstract("speech recognition")))));

        var response = await store.Get<SearchService>().SearchAsync(new SearchRequest("full", 10, SearchMode.Bm25, null), CancellationToken.None);

        var result = Assert.Single(response.Results);
        Assert.Equal("Reversed Title Zero Width 🤖 Full", result.Title);
    }
}
