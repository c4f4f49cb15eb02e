using System.Text;
using BenchmarkDotNet.Attributes;
using Bot.Digests;

namespace Bot.Benchmarks;

/// <summary>
/// Reading hostile HTML (issue 14): nested elements, which the tree builder handles in time quadratic in
/// the depth, against tags left open that do not nest. Whole <see cref="DigestParser.Parse"/>, refusal
/// included; the time should grow with the levels, not their square.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class HostileHtml
{
    private byte[] _html = [];

    [Params(10_000, 40_000, 200_000)]
    public int Levels { get; set; }

    /// <summary><c>div</c>: nested divs (refused as too deep); <c>em</c>: nested inline tags with text (refused); <c>p</c>: unclosed paragraphs (read).</summary>
    [Params("div", "em", "p")]
    public string Shape { get; set; } = "div";

    [GlobalSetup]
    public void Setup()
    {
        var unit = Shape switch { "div" => "<div>", "em" => "<em>x", _ => "<p>Some words of text" };
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1>Daily Papers</h1>");
        for (var i = 0; i < Levels; i++)
        {
            html.Append(unit);
        }
        _html = Encoding.UTF8.GetBytes(html.Append("</body></html>").ToString());
    }

    [Benchmark]
    public int Parse()
    {
        try
        {
            return DigestParser.Parse(_html, "hostile.html", new DateOnly(2026, 5, 10)).Papers.Count;
        }
        catch (DigestFormatException)
        {
            return -1;
        }
    }
}
