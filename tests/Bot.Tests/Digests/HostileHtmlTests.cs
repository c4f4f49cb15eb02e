using System.Diagnostics;
using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>
/// Markup that nests without end makes the HTML tree builder quadratic (it walks its stack of open
/// elements for most tags): such files are refused after one linear pass, and untidy markup that only
/// looks deep (unclosed paragraphs, list items, cells) still reads. The 10-second bounds are guards
/// against minutes of parsing, not performance claims; docs/benchmarks.md has the measurements.
/// </summary>
public sealed class HostileHtmlTests
{
    private static readonly DateOnly Arrival = new(2026, 5, 10);

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static string Nested(string open, int levels)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1>Daily Papers</h1>");
        for (var i = 0; i < levels; i++)
        {
            html.Append(open.Replace("{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        return html.Append("x</body></html>").ToString();
    }

    [Theory]
    [InlineData("<div>")]
    [InlineData("<em>x")]
    [InlineData("<i class=c{i}>")]
    [InlineData("<table><tr><td>")]
    [InlineData("<ul><li>")]
    [InlineData("<blockquote>")]
    [InlineData("<span><div>")]
    [InlineData("<p><b class=c{i}>x</p>")]
    public void Parse_TwoHundredThousandLevels_RefusedAsTooDeepWithinSeconds(string open)
    {
        var html = Encoding.UTF8.GetBytes(Nested(open, 200_000));
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<DigestFormatException>(() => DigestParser.Parse(html, "deep.html", Arrival));

        Assert.True(watch.Elapsed < Generous, $"took {watch.Elapsed}");
        Assert.Contains("nests elements more than 256 deep (Bot:Ingest:MaxHtmlDepth)", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "<p>x", 1)]
    [InlineData("<ul>", "<li>x", 2)]
    [InlineData("<table>", "<tr><td>x", 4)]
    [InlineData("<dl>", "<dt>a<dd>b", 2)]
    [InlineData("<select>", "<option>x", 2)]
    [InlineData("", "<p><b>x</p>", 5)]
    [InlineData("", "<a href=x>y", 1)]
    [InlineData("", "<div></div>", 1)]
    public void Deepest_UnclosedOrSiblingTagsRepeated_StayShallow(string container, string repeated, int deepest)
    {
        var html = "<html><body>" + container + string.Concat(Enumerable.Repeat(repeated, 50_000));

        Assert.Equal(deepest, HtmlNesting.Deepest(html, 256));
    }

    [Fact]
    public void Deepest_QuotedAttributesCommentsAndScripts_CountOnlyRealTags()
    {
        const string html = """
            <html><body><div title="<div><div>" data-x='<p>'><!-- <div><div><div> --><script>var s = "<div><div>";</script>
            <textarea><div><div></textarea><div>x</div></div></body></html>
            """;

        Assert.Equal(2, HtmlNesting.Deepest(html, 256));
    }

    [Fact]
    public void Parse_DigestWithUnclosedParagraphsAndListItems_ReadsEveryPaper()
    {
        var papers = SampleDigests.FirstPapers(SampleDigests.File000, 3);
        var html = new StringBuilder("<html><body><h1>Daily Papers</h1><p>May 6<ul>");
        for (var i = 0; i < papers.Count; i++)
        {
            html.Append($"<li><h3><a href=\"/papers/2305.1234{i}\">{System.Net.WebUtility.HtmlEncode(papers[i].Title)}</a></h3><p>{System.Net.WebUtility.HtmlEncode(papers[i].Abstract)}\n");
        }
        // A long tail of unclosed filler cells, as a careless email template leaves: not deep at all.
        html.Append("</ul><table>").Append(string.Concat(Enumerable.Repeat("<tr><td>&nbsp;", 20_000))).Append("</table></body></html>");

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(html.ToString()), "untidy.html", Arrival);

        Assert.Equal(papers.Select(p => p.Title), digest.Papers.Select(p => p.Title));
    }

    [Fact]
    public void Parse_DepthJustUnderTheLimit_Reads()
    {
        var papers = SampleDigests.FirstPapers(SampleDigests.File000, 2);
        var body = string.Concat(papers.Select((p, i) => $"<h3><a href=\"/papers/2305.1234{i}\">{System.Net.WebUtility.HtmlEncode(p.Title)}</a></h3><p>{System.Net.WebUtility.HtmlEncode(p.Abstract)}</p>"));
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 200)) + body + string.Concat(Enumerable.Repeat("</div>", 200)) + "</body></html>";

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(html), "deep-but-fine.html", Arrival);

        Assert.Equal(papers.Select(p => p.Title), digest.Papers.Select(p => p.Title));
    }
}
