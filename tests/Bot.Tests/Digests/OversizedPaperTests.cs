using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>
/// A paper is held to what a paper can be: an abstract past Bot:Ingest:MaxAbstractChars is cut with a
/// warning, a "title" past MaxTitleChars is called too long (not "has no abstract"), and characters
/// that could not be decoded are reported rather than stored silently as "�".
/// </summary>
public sealed class OversizedPaperTests
{
    private static readonly DateOnly Arrival = new(2026, 5, 10);

    private static readonly string Good = "We study sparse retrieval in a setting that earlier work left open. Our method improves strong baselines on three benchmarks.";

    private static ParsedDigest Parse(string text) => DigestParser.Parse(Encoding.UTF8.GetBytes(text), "d.txt", Arrival);

    [Fact]
    public void Parse_MillionCharacterAbstractWithoutSentenceEnd_CutToTheLimitWithAWarning()
    {
        var huge = string.Concat(Enumerable.Repeat("word ", 200_000));

        var digest = Parse($"Daily Papers\n\nMay 6\n\nA Paper on Sparse Retrieval\n\n{Good}\n\nA Paper Without End\n\n{huge}\n\n");

        var paper = digest.Papers.Single(p => p.Title == "A Paper Without End");
        Assert.True(paper.Abstract.Length <= DigestLimits.Default.MaxAbstractChars, $"{paper.Abstract.Length} characters");
        Assert.EndsWith("word…", paper.Abstract, StringComparison.Ordinal);
        Assert.Contains(digest.Warnings, w => w.Contains("its abstract is 999,999 characters, over the 10,000-character limit (Bot:Ingest:MaxAbstractChars)", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LongAbstractOfSentences_CutAtASentenceEnd()
    {
        var sentences = string.Concat(Enumerable.Range(0, 400).Select(i => $"Sentence number {i} says something about retrieval. "));

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes($"Daily Papers\n\nMay 6\n\nA Paper on Sparse Retrieval\n\n{sentences}\n\n"), "d.txt", Arrival,
            new DigestLimits(MaxAbstractChars: 1_000));

        var kept = Assert.Single(digest.Papers).Abstract;
        Assert.True(kept.Length <= 1_000);
        Assert.EndsWith("retrieval.…", kept, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\n\n")]
    public void Parse_HundredThousandCharacterTitle_ReportedAsTooLongNotAsMissingAbstract(string separator)
    {
        var title = string.Concat(Enumerable.Repeat("Title ", 16_667)).Trim();

        var error = Assert.Throws<DigestFormatException>(() => Parse($"Daily Papers\n\nMay 6\n\n{title}{separator}{Good}\n\n"));

        Assert.DoesNotContain("have an abstract", error.Problem, StringComparison.Ordinal);
        Assert.Contains("a line of 100,001 characters with no sentence end stands where a title would be, over the 500-character limit for a title (Bot:Ingest:MaxTitleChars)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlongLineAfterOnePaper_NoSelfContradictingCount()
    {
        var error = Assert.Throws<DigestFormatException>(() => Parse($"Daily Papers\n\nMay 6\n\nGood Title\n\n{Good}\n\n{new string('T', 2_000)}\n\n{Good}\n\n"));

        Assert.DoesNotContain("only 1 of 1", error.Problem, StringComparison.Ordinal);
        Assert.Contains("2 paragraphs have no title of their own, more than the 1 title found: a line of 2,000 characters", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlongHeadingAmongGoodPapers_SkippedWithAWarning()
    {
        var html = "<html><body><h1>Daily Papers</h1>"
            + $"<h3><a href=\"https://arxiv.org/abs/2305.00001\">A Paper on Sparse Retrieval</a></h3><p>{Good}</p>"
            + $"<h3><a href=\"https://arxiv.org/abs/2305.00002\">{new string('T', 2_000)}</a></h3><p>{Good}</p>"
            + $"<h3><a href=\"https://arxiv.org/abs/2305.00003\">A Paper on Dense Retrieval</a></h3><p>{Good.Replace("sparse", "dense", StringComparison.Ordinal)}</p></body></html>";

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(html), "d.html", Arrival);

        Assert.Equal(["A Paper on Sparse Retrieval", "A Paper on Dense Retrieval"], digest.Papers.Select(p => p.Title));
        Assert.Contains(digest.Warnings, w => w.Contains("is 2,000 characters, over the 500-character limit for a title (Bot:Ingest:MaxTitleChars); skipped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_Utf16WithLoneSurrogatesInATitle_DropsThemAndWarns(bool bigEndian)
    {
        var text = $"Daily Papers\n\nMay 6\n\nCaf\uD800e Retrieval at \uDC00Scale\n\n{Good}\n\n";
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(Utf16Units(text, bigEndian)).ToArray();

        var digest = DigestParser.Parse(bytes, "d.txt", Arrival);

        Assert.Equal("Cafe Retrieval at Scale", Assert.Single(digest.Papers).Title);
        Assert.Contains("2 lone UTF-16 surrogates (half characters) were not valid and were dropped", digest.Warnings);
    }

    [Fact]
    public void Parse_HtmlCharacterReferenceToASurrogate_WarnsOfTheUndecodableCharacter()
    {
        var html = $"<html><body><h1>Daily Papers</h1><h3><a href=\"https://arxiv.org/abs/2305.12345\">Retrieval &#xD800;at Scale</a></h3><p>{Good}</p></body></html>";

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(html), "d.html", Arrival);

        Assert.Contains(digest.Warnings, w => w.Contains("holds 1 character that could not be decoded", StringComparison.Ordinal));
    }

    /// <summary>The UTF-16 code units as bytes, lone surrogates included (an encoder would replace them).</summary>
    private static IEnumerable<byte> Utf16Units(string text, bool bigEndian) =>
        text.SelectMany(c => bigEndian ? new[] { (byte)(c >> 8), (byte)c } : [(byte)c, (byte)(c >> 8)]);
}
