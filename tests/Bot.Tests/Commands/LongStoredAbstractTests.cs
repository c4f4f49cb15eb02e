using System.Text;
using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Commands;

/// <summary>
/// An abstract stored before ingest bounded abstracts (here: a store whose limit was raised) is shown
/// bounded: /paper shows its start and says it was cut, a summary quotes bounded sentences.
/// </summary>
public sealed class LongStoredAbstractTests
{
    private static TestStore StoreWith(string abstractText)
    {
        var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Ingest:MaxAbstractChars"] = "1000000" });
        var report = store.Get<DigestIngestor>().IngestContent(
            Encoding.UTF8.GetBytes($"Daily Papers\n\nMay 6\n\nA Paper Without End\n\n{abstractText}\n\n"), "d.txt", DateTimeOffset.UnixEpoch);
        Assert.Equal(1, report.PapersNew);
        return store;
    }

    [Theory]
    [InlineData("word ", 200_000)]
    [InlineData("Sentence that goes on and on about retrieval. ", 20_000)]
    public async Task PaperAndSummary_MillionCharacterStoredAbstract_ShowABoundedPart(string piece, int times)
    {
        // One sentence end at the very end: the rest is one "sentence" of most of a million characters, or many.
        using var store = StoreWith(string.Concat(Enumerable.Repeat(piece, times)).Trim().TrimEnd('.') + ".");

        var paper = await ConsoleLines.RunAsync(store, "/paper A Paper Without End");
        var summary = await ConsoleLines.RunAsync(store, "/summarize paper A Paper Without End");

        Assert.InRange(paper.Length, 1_000, 12_000);
        Assert.Contains("(cut: the stored abstract is ", paper, StringComparison.Ordinal);
        Assert.InRange(summary.Length, 10, 3_000);
    }
}
