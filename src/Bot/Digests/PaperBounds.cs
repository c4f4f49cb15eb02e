namespace Bot.Digests;

/// <summary>
/// Holds each paper to <see cref="DigestLimits"/>: a title too long to be one is reported as such and
/// left out, an abstract too long is cut at a sentence end, and text that could not be decoded is
/// reported. Each with a warning the ingest report shows, so nothing is changed silently.
/// </summary>
public static class PaperBounds
{
    public static IReadOnlyList<DigestPaper> Apply(IReadOnlyList<DigestPaper> papers, DigestLimits limits, List<string> warnings, string sourceName)
    {
        var kept = new List<DigestPaper>(papers.Count);
        var longest = 0;
        foreach (var paper in papers)
        {
            if (paper.Title.Length > limits.MaxTitleChars)
            {
                longest = Math.Max(longest, paper.Title.Length);
                warnings.Add($"title {DigestAssembler.Preview(paper.Title)} is {paper.Title.Length:N0} characters, over the {limits.MaxTitleChars:N0}-character limit for a title (Bot:Ingest:MaxTitleChars); skipped");
                continue;
            }
            var abstractText = paper.Abstract;
            if (abstractText.Length > limits.MaxAbstractChars)
            {
                abstractText = Cut(abstractText, limits.MaxAbstractChars);
                warnings.Add($"paper {DigestAssembler.Preview(paper.Title)}: its abstract is {paper.Abstract.Length:N0} characters, over the {limits.MaxAbstractChars:N0}-character limit (Bot:Ingest:MaxAbstractChars); kept the first {abstractText.Length - 1:N0}");
            }
            var undecodable = paper.Title.Count(c => c == '\uFFFD') + abstractText.Count(c => c == '\uFFFD');
            if (undecodable > 0)
            {
                warnings.Add($"paper {DigestAssembler.Preview(paper.Title)} holds {undecodable:N0} character{(undecodable == 1 ? "" : "s")} that could not be decoded, shown as \uFFFD");
            }
            kept.Add(abstractText == paper.Abstract ? paper : paper with { Abstract = abstractText });
        }
        if (kept.Count == 0 && papers.Count > 0)
        {
            throw new DigestFormatException(sourceName,
                $"every title is over the {limits.MaxTitleChars:N0}-character limit for a title (the longest has {longest:N0} characters): a line that long is no paper's title; {DigestParser.Expected}");
        }
        return kept;
    }

    /// <summary>
    /// Why a refused file may have no papers: a line where a title should be that is too long to be one
    /// (read as a paragraph, it leaves the abstract after it without a title). Empty when there is none.
    /// </summary>
    internal static string OverlongLine(IReadOnlyList<DigestBlock> blocks, DigestLimits limits)
    {
        var longest = blocks.Where(b => b.Lines.Count > 0 && b.Lines[0].Length > limits.MaxTitleChars && !ProseShape.IsAbstract(b.Lines[0]))
            .Select(b => b.Lines[0].Length).DefaultIfEmpty(0).Max();
        return longest == 0 ? ""
            : $": a line of {longest:N0} characters with no sentence end stands where a title would be, over the {limits.MaxTitleChars:N0}-character limit for a title (Bot:Ingest:MaxTitleChars)";
    }

    /// <summary>The text up to the last sentence end within <paramref name="max"/> characters (else the last space), with an ellipsis.</summary>
    internal static string Cut(string text, int max)
    {
        var head = text.AsSpan(0, max - 1);
        var end = LastSentenceEnd(head);
        if (end < max / 2)
        {
            end = head.LastIndexOf(' ');
        }
        if (end < max / 2)
        {
            end = head.Length;
        }
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    private static int LastSentenceEnd(ReadOnlySpan<char> head)
    {
        for (var i = head.Length - 2; i >= 0; i--)
        {
            if (head[i] is '.' or '?' or '!' && head[i + 1] == ' ')
            {
                return i + 1;
            }
        }
        return -1;
    }
}
