using System.Text.RegularExpressions;

namespace Bot.Digests;

/// <summary>
/// Repairs what the digest's LaTeX-to-text conversion leaves behind ("a textbf{Gen}erattextbf{i}ve",
/// "{\it fixed-budget}", "D{=}1", a trailing "{url}") and collects the URLs an abstract mentions.
/// Only these known leftovers are touched; everything else stays as the authors wrote it.
/// </summary>
public static partial class AbstractCleaner
{
    public static string Clean(string text)
    {
        var cleaned = FormattingCommand().Replace(text, "${inner}");
        cleaned = InlineFormatGroup().Replace(cleaned, "${inner}");
        cleaned = BracedAfterUrl().Replace(cleaned, "");
        cleaned = UrlClosingBrace().Replace(cleaned, "");
        cleaned = SingleSymbolGroup().Replace(cleaned, "${symbol}");
        cleaned = cleaned.Replace("{times}", "×", StringComparison.Ordinal);
        return cleaned;
    }

    public static IReadOnlyList<PaperLink> FindLinks(string text)
    {
        var links = new List<PaperLink>();
        foreach (Match match in Url().Matches(text))
        {
            var url = TrimUrl(match.Value);
            if (url.Length <= "https://".Length || links.Exists(l => l.Url == url))
            {
                continue;
            }
            links.Add(new PaperLink(url, KindOf(url)));
        }
        return links;
    }

    private static string TrimUrl(string url)
    {
        // Sentence punctuation and unbalanced closing brackets belong to the prose, not the URL.
        while (url.Length > 0)
        {
            var last = url[^1];
            var unbalanced = (last == ')' && url.Count(c => c == '(') < url.Count(c => c == ')'))
                || (last == ']' && url.Count(c => c == '[') < url.Count(c => c == ']'));
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '}' || unbalanced)
            {
                url = url[..^1];
                continue;
            }
            break;
        }
        return url;
    }

    private static string KindOf(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : "";
        return host switch
        {
            _ when host.EndsWith("github.com", StringComparison.Ordinal) || host.EndsWith("gitlab.com", StringComparison.Ordinal)
                || host.EndsWith("bitbucket.org", StringComparison.Ordinal) => "code",
            _ when host.EndsWith("youtube.com", StringComparison.Ordinal) || host == "youtu.be" || host.EndsWith("vimeo.com", StringComparison.Ordinal) => "video",
            _ when host.EndsWith("arxiv.org", StringComparison.Ordinal) || host.EndsWith("doi.org", StringComparison.Ordinal) => "paper",
            _ when host.EndsWith("huggingface.co", StringComparison.Ordinal) || host == "hf.co" =>
                url.Contains("/papers/", StringComparison.Ordinal) ? "paper" : "model",
            _ => "project",
        };
    }

    // No word boundary before the command: with its backslash lost, a leftover sits glued inside a
    // word ("Generattextbf{i}ve"), and a command name followed by a brace is never ordinary prose.
    [GeneratedRegex(@"\\?(?:textbf|textit|texttt|textsc|emph|mathrm|mathbf|mathcal|underline)\{(?<inner>[^{}]*)\}")]
    private static partial Regex FormattingCommand();

    [GeneratedRegex(@"\{\\(?:it|bf|em|tt|sc)\s*(?<inner>[^{}]*)\}")]
    private static partial Regex InlineFormatGroup();

    // The URL is a lookbehind checked at each brace: matching it forwards rescanned a long run of
    // glued URLs ("https://a/b.)https://a/b.)...") from every "https", quadratic in the run's length.
    [GeneratedRegex(@"(?<=https?://[^\s{}]+)\{[^{}\s]*\}")]
    private static partial Regex BracedAfterUrl();

    [GeneratedRegex(@"(?<=https?://[^\s{}]+)\}")]
    private static partial Regex UrlClosingBrace();

    [GeneratedRegex(@"\{(?<symbol>[=+\-<>×·,])\}")]
    private static partial Regex SingleSymbolGroup();

    [GeneratedRegex(@"https?://[^\s<>""{}|\\^`]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
