using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Bot.Digests;

/// <summary>
/// Reads the HTML form of a digest (the Daily Papers web page or its email) into the same blocks the
/// text form gives: every heading becomes a title block (with the links it carries), every other
/// block element with its own text becomes a paragraph. Scripts, styles and navigation are ignored.
/// </summary>
public static class HtmlDigestReader
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "head", "nav", "button", "form", "select", "iframe",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "td", "th", "blockquote", "section", "article", "header", "footer", "main",
        "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figcaption", "pre", "tr", "table", "ul", "ol", "body", "span",
        // The parser puts every table's rows in a tbody even when the markup has none: without these, a
        // whole email layout table was one run of inline text.
        "tbody", "thead", "tfoot",
    };

    /// <param name="maxDepth">Deepest nesting of the tree built; the caller has checked the parser's stack against it (<see cref="HtmlNesting"/>).</param>
    /// <param name="cancellationToken">Checked once a token while parsing and once an element while walking: the ingest time budget.</param>
    public static IReadOnlyList<DigestBlock> ReadBlocks(string html, int maxDepth = 256, CancellationToken cancellationToken = default)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false, MaximumDepth = maxDepth });
        // The only parse that takes a cancellation token. From a string, without scripting, nothing in it
        // waits: the task has completed when it returns, so this does not block a thread on I/O.
        using var document = parser.ParseDocumentAsync(html, cancellationToken).GetAwaiter().GetResult();
        var blocks = new List<DigestBlock>();
        if (document.Body is { } body)
        {
            Walk(body, blocks, cancellationToken);
        }
        return blocks;
    }

    private static void Walk(IElement element, List<DigestBlock> blocks, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Skipped.Contains(element.LocalName) || IsPageFurniture(element) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
        {
            return;
        }
        if (IsHeading(element))
        {
            AddBlock(blocks, element.TextContent, isHeading: true, Hrefs(element));
            return;
        }

        // Collect inline text of this element; nested block elements are their own blocks.
        var inline = new System.Text.StringBuilder();
        foreach (var node in element.ChildNodes)
        {
            switch (node)
            {
                case IElement child when child.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    inline.Append('\n');
                    break;
                case IElement child when IsBlock(child):
                    AddBlock(blocks, inline.ToString(), isHeading: false, null);
                    inline.Clear();
                    Walk(child, blocks, cancellationToken);
                    break;
                case IElement child when !Skipped.Contains(child.LocalName):
                    inline.Append(child.TextContent);
                    break;
                case IText text:
                    inline.Append(text.Data);
                    break;
            }
        }
        AddBlock(blocks, inline.ToString(), isHeading: false, null);
    }

    /// <summary>
    /// The site's banner (a header outside any article or section, as HTML defines the banner landmark:
    /// logo, search) and every footer (copyright, links, or an article's "Submitted by"): never a paper.
    /// A header inside an article may hold the paper's title, so that one is read.
    /// </summary>
    private static bool IsPageFurniture(IElement element) =>
        element.LocalName == "footer"
        || (element.LocalName == "header" && element.ParentElement?.Closest("article, aside, main, nav, section") is null)
        || element.GetAttribute("role") is "banner" or "contentinfo" or "navigation";

    private static bool IsBlock(IElement element) =>
        BlockElements.Contains(element.LocalName) && (element.LocalName != "span" || ContainsBlock(element));

    private static bool ContainsBlock(IElement element) =>
        element.Children.Any(c => BlockElements.Contains(c.LocalName) && c.LocalName != "span");

    private static bool IsHeading(IElement element) =>
        element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" || element.GetAttribute("role") == "heading";

    private static List<string> Hrefs(IElement element)
    {
        var hrefs = new List<string>();
        foreach (var anchor in element.QuerySelectorAll("a[href]").Prepend(element).Where(e => e.LocalName == "a"))
        {
            var href = anchor.GetAttribute("href") ?? "";
            if (href.StartsWith("/papers/", StringComparison.Ordinal))
            {
                href = "https://huggingface.co" + href;
            }
            if (href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                hrefs.Add(href);
            }
        }
        return hrefs;
    }

    private static void AddBlock(List<DigestBlock> blocks, string text, bool isHeading, IReadOnlyList<string>? hrefs)
    {
        // Markup breaks lines for layout, not meaning: a paragraph is one block whatever its source lines.
        var lines = text.ReplaceLineEndings("\n").Split('\n')
            .Select(LineCleaner.CleanLine)
            .Where(l => l.Length > 0)
            .ToArray();
        if (lines.Length == 0)
        {
            return;
        }
        var joined = isHeading ? string.Join(' ', lines) : null;
        blocks.Add(new DigestBlock(joined is null ? lines : [joined], isHeading, hrefs));
    }
}
