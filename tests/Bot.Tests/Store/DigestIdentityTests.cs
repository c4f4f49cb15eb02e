using System.Text;
using Bot.Commands;
using Bot.Digests;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

/// <summary>
/// Issue 14, item 1: a digest's identity is its date and the full hash of its papers. The pairs below
/// were found by brute force: the SHA-256 of their title keys agree in the first six hex characters,
/// which was the whole id before.
/// </summary>
public sealed class DigestIdentityTests
{
    private static readonly DateTimeOffset Arrived = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The example: one paper each, "Many Files Paper Number 1679" and "… 4447" (hashes d0503e86…, d0503e9f…).</summary>
    private static string ManyFiles(int number) =>
        $"Daily Papers\n\nMay 6\n\nMany Files Paper Number {number}\n\n{Abstract230(number)}\n";

    /// <summary>Two papers each, the first shared (hashes 0e6e2c… for 4085 and 9588).</summary>
    private static string TwoPapers(int number) => DigestText.Build("May 6",
        ("Shared Opening Paper on Retrieval", DigestText.Abstract("retrieval")),
        ($"Follow Up Paper Number {number}", DigestText.Abstract($"follow-up {number}")));

    private static string Abstract230(int number)
    {
        var text = new StringBuilder($"We study many files, paper {number}, and how a store tells them apart when their names are alike.");
        while (text.Length < 229)
        {
            text.Append(" More words follow.");
        }
        return text.ToString(0, 229).TrimEnd() + ".";
    }

    [Theory]
    [InlineData(1679, 4447, "single paper (the issue's example)")]
    [InlineData(-4085, -9588, "two papers, the first shared")]
    public void Ingest_TwoDigestsOfOneDayWhoseHashesShareSixHexCharacters_StoresBoth(int first, int second, string shape)
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        string Content(int n) => n > 0 ? ManyFiles(n) : TwoPapers(-n);

        var one = ingestor.IngestContent(Encoding.UTF8.GetBytes(Content(first)), $"a-{first}.txt", Arrived);
        var two = ingestor.IngestContent(Encoding.UTF8.GetBytes(Content(second)), $"b-{second}.txt", Arrived);

        Assert.True(one.Errors.Count == 0 && two.Errors.Count == 0, shape + ": " + string.Join("; ", one.Errors.Concat(two.Errors)));
        Assert.Equal((1, 1), (one.Digests, two.Digests));
        var digests = store.Get<PaperStore>().ListDigests();
        Assert.Equal(2, digests.Count);
        Assert.Equal(2, digests.Select(d => d.ShortId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(digests, d => Assert.Equal(11 + 64, d.Id.Length));
    }

    [Fact]
    public void Ingest_SecondDigestWhosePrefixIsTaken_GetsALongerShortIdAndTheFirstKeepsItsOwn()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(1679)), "first.txt", Arrived);
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(4447)), "second.txt", Arrived);
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(12)), "third.txt", Arrived);

        var byName = store.Get<PaperStore>().ListDigests().ToDictionary(d => d.Source, d => d.ShortId);

        Assert.Equal("2024-05-06-d0503e", byName["first.txt"]);
        Assert.Equal("2024-05-06-d0503e9", byName["second.txt"]);
        Assert.Equal(11 + PaperStore.ShortHashLength, byName["third.txt"].Length);
    }

    [Fact]
    public void FindDigest_ShortIdUniquePrefixOrAmbiguousPrefix_ResolvesOrListsTheCandidates()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(1679)), "first.txt", Arrived);
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(4447)), "second.txt", Arrived);
        var papers = store.Get<PaperStore>();
        var digests = papers.ListDigests().ToDictionary(d => d.Source);

        Assert.Equal(digests["first.txt"].Id, papers.FindDigest("2024-05-06-d0503e").Id);
        Assert.Equal(digests["second.txt"].Id, papers.FindDigest("2024-05-06-d0503e9").Id);
        Assert.Equal(digests["second.txt"].Id, papers.FindDigest("  2024-05-06-d0503e9f ").Id);
        Assert.Equal(digests["first.txt"].Id, papers.FindDigest(digests["first.txt"].Id).Id);
        Assert.Equal(digests["first.txt"].Id, papers.FindDigest("first.txt").Id);
        var ambiguous = papers.FindDigest("2024-05-06-d0503");
        Assert.Null(ambiguous.Id);
        Assert.Equal(["2024-05-06-d0503e", "2024-05-06-d0503e9"], ambiguous.Candidates.Order(StringComparer.Ordinal));
        var none = papers.FindDigest("2024-05-06-ffffff");
        Assert.Null(none.Id);
        Assert.Empty(none.Candidates);
    }

    [Fact]
    public async Task Commands_CollidingDigests_ShowShortIdsAndAcceptThem()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(1679)), "first.txt", Arrived);
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(4447)), "second.txt", Arrived);

        var listed = await ConsoleLines.RunAsync(store, "/digests");
        var summary = await ConsoleLines.RunAsync(store, "/summarize digest 2024-05-06-d0503e9");
        var ambiguous = await ConsoleLines.RunAsync(store, "/summarize digest 2024-05-06-d0503");
        var paper = await ConsoleLines.RunAsync(store, "/paper Many Files Paper Number 4447");
        var search = await store.Get<BotCommands>().SearchAsync("files", 10, new SearchFilters(DigestId: "2024-05-06-d0503e9"), CancellationToken.None);

        Assert.Contains("2024-05-06-d0503e (first.txt)", listed, StringComparison.Ordinal);
        Assert.Contains("2024-05-06-d0503e9 (second.txt)", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("d0503e86", listed, StringComparison.Ordinal);
        Assert.Contains("Digest 2024-05-06-d0503e9: 1 paper", summary, StringComparison.Ordinal);
        Assert.Contains("more than one: 2024-05-06-d0503e, 2024-05-06-d0503e9", ambiguous, StringComparison.Ordinal);
        Assert.Contains("digest 2024-05-06-d0503e9 of 2024-05-06 (second.txt)", paper, StringComparison.Ordinal);
        Assert.False(search.IsError);
        Assert.Equal(["Many Files Paper Number 4447"], search.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task Search_DigestFilterByShortIdOrDay_FindsOnlyThatDigestsPapers()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Encoding.UTF8.GetBytes(ManyFiles(1679)), "first.txt", Arrived);
        ingestor.IngestContent(Encoding.UTF8.GetBytes(DigestText.Build("May 5", ("Many Files Paper Number 5", Abstract230(5)))), "fifth.txt", Arrived);
        var commands = store.Get<BotCommands>();

        var byShort = await commands.SearchAsync("files", 10, new SearchFilters(DigestId: "2024-05-06-d0503e"), CancellationToken.None);
        var byDay = await commands.SearchAsync("files", 10, new SearchFilters(DigestId: "2024-05-05"), CancellationToken.None);

        Assert.Equal(["Many Files Paper Number 1679"], byShort.Items.Select(i => i.Title));
        Assert.Equal(["Many Files Paper Number 5"], byDay.Items.Select(i => i.Title));
    }
}
