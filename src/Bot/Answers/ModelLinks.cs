using System.Text.RegularExpressions;
using Bot.Store;

namespace Bot.Answers;

/// <summary>
/// Links in a model's text: a markdown link keeps its label (a citation label stays a citation), and
/// a URL survives only if one of the papers shown to the model has it (in its links or its abstract).
/// A model talked into it by hostile text, or inventing, cannot send readers elsewhere.
/// </summary>
public static partial class ModelLinks
{
    public const string Removed = "(link removed)";

    public static string Clean(string text, IReadOnlyList<StoredPaper> papers) => Clean(text, Allowed(papers));

    /// <summary>The URLs the papers give, for <see cref="Clean(string, IReadOnlySet{string})"/> on many pieces of one answer.</summary>
    public static IReadOnlySet<string> Allowed(IReadOnlyList<StoredPaper> papers)
    {
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var paper in papers)
        {
            allowed.UnionWith(paper.Links.Select(l => Trim(l.Url)));
            allowed.UnionWith(Url().Matches(paper.Abstract).Select(m => Trim(m.Value)));
        }
        return allowed;
    }

    public static string Clean(string text, IReadOnlySet<string> allowed)
    {
        var unlinked = MarkdownLink().Replace(text, link =>
        {
            var label = link.Groups["label"].Value;
            var url = link.Groups["url"].Value;
            // An invented target just goes: the label alone still reads.
            return CitationLabel().IsMatch(label) ? $"[{label}]" : allowed.Contains(Trim(url)) ? $"{label} ({url})" : label;
        });
        unlinked = AutoLink().Replace(unlinked, "${url}");
        return Url().Replace(unlinked, url =>
        {
            var trimmed = Trim(url.Value);
            return (allowed.Contains(trimmed) ? trimmed : Removed) + url.Value[trimmed.Length..];
        });
    }

    // Sentence punctuation after a URL is not part of it.
    private static string Trim(string url) => url.TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"');

    [GeneratedRegex(@"\[(?<label>[^\[\]\n]*)\]\(\s*<?(?<url>[^()\s<>]*)>?(?:\s+""[^""]*"")?\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(?<url>[a-z][a-z0-9+.\-]*://[^<>\s]+)>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"\b(?:https?|ftp)://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^\s*\d{1,3}(?:\s*[,;\-–]\s*\d{1,3})*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CitationLabel();
}
