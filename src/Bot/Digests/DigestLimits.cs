namespace Bot.Digests;

/// <summary>What one digest file may hold (<see cref="IngestOptions"/>); beyond it a file is refused or a paper cut, with a message.</summary>
/// <param name="MaxHtmlDepth">Deepest nesting of HTML elements read (<see cref="HtmlNesting"/>).</param>
/// <param name="MaxAbstractChars">Longest abstract kept whole; a longer one is cut at a sentence or word end.</param>
/// <param name="MaxTitleChars">Longest title; a longer one is no title.</param>
public sealed record DigestLimits(int MaxHtmlDepth = 256, int MaxAbstractChars = 10_000, int MaxTitleChars = 500)
{
    public static DigestLimits Default { get; } = new();
}
