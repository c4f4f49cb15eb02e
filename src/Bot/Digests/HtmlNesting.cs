namespace Bot.Digests;

/// <summary>
/// How deep an HTML document would make the parser's stack of open elements, found in one pass over the
/// text before the real parse. The HTML tree builder (WHATWG 13.2.6) checks "has an element in scope"
/// by walking that stack from the top, for most start tags: 200,000 nested <c>&lt;div&gt;</c>s cost
/// 200,000²/2 steps, minutes of parsing for 2 MB. AngleSharp's own depth limit (1.10) caps the tree it
/// builds, not that stack, so a document whose stack would grow past a limit is refused before it is parsed.
/// <para>
/// The pass follows the tree builder's rules that decide depth: void and raw-text elements, the end tags
/// that close their element, and the start tags that close one implicitly (a <c>&lt;p&gt;</c>, <c>&lt;li&gt;</c>,
/// <c>&lt;td&gt;</c> or <c>&lt;tr&gt;</c> left open is the commonest untidiness of hand-written HTML and
/// must not count). A formatting element (<c>&lt;b&gt;</c>, <c>&lt;font&gt;</c>) closed implicitly stays
/// counted, as the parser reopens it at the next text. The pass stops once the model holds more than
/// <c>limit</c> elements, so each of its searches is bounded and the pass is linear in the text. It is a model, not the tree builder: the ingest time budget covers
/// what it misses.
/// </para>
/// </summary>
public static class HtmlNesting
{
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "frame", "basefont", "bgsound", "image",
    };

    /// <summary>Their content is text up to their own end tag.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    };

    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    /// <summary>Elements that put a marker in the list of active formatting elements, and bound "in scope".</summary>
    private static readonly HashSet<string> ScopeBoundary = new(StringComparer.Ordinal)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
    };

    /// <summary>Start tags that close an open <c>p</c> in button scope.</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "hr", "xmp", "li", "dd", "dt",
    };

    /// <summary>The tree builder's "special" category: an end tag of another name never closes past one of these.</summary>
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center", "colgroup", "dd",
        "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hgroup", "html", "li", "listing", "main", "marquee", "menu", "nav",
        "object", "ol", "p", "pre", "search", "section", "select", "summary", "table", "tbody", "td", "template", "tfoot",
        "th", "thead", "tr", "ul",
    };

    private static readonly string[] TableScope = ["html", "table", "template"];

    private static readonly string[] TableSections = ["tbody", "thead", "tfoot"];

    private static readonly string[] Cells = ["td", "th"];

    private static readonly string[] Headings = ["h1", "h2", "h3", "h4", "h5", "h6"];

    /// <summary>
    /// The deepest the parser's stack of open elements gets for <paramref name="html"/>, counting stops
    /// once it passes <paramref name="limit"/> (the result is then <c>limit + 1</c>).
    /// </summary>
    public static int Deepest(string html, int limit, CancellationToken cancellationToken = default)
    {
        var stack = new OpenElements();
        var i = 0;
        var checkedAt = 0;
        while (i < html.Length && (i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (i - checkedAt > 65_536)
            {
                cancellationToken.ThrowIfCancellationRequested();
                checkedAt = i;
            }
            var next = html[i + 1];
            if (next == '!')
            {
                i = SkipMarkup(html, i);
            }
            else if (next == '?')
            {
                i = SkipTo(html, i, '>');
            }
            else if (next == '/')
            {
                if (i + 2 < html.Length && char.IsAsciiLetter(html[i + 2]))
                {
                    var name = ReadName(html, i + 2, out var end);
                    i = SkipAttributes(html, end, out _);
                    stack.End(name);
                }
                else
                {
                    i = SkipTo(html, i, '>');
                }
            }
            else if (char.IsAsciiLetter(next))
            {
                var name = ReadName(html, i + 1, out var end);
                i = SkipAttributes(html, end, out var selfClosing);
                // Identical formatting elements (same name and attributes) are reopened three at most.
                var identity = Formatting.Contains(name) && i <= html.Length ? html[(end - name.Length)..(i - 1)] : name;
                if (i > html.Length)
                {
                    // A tag cut off by the end of the file is dropped, as the tokenizer drops it.
                    break;
                }
                if (name == "plaintext")
                {
                    // Everything after it is text.
                    stack.Start(name, identity, selfClosing);
                    break;
                }
                if (RawText.Contains(name))
                {
                    stack.Start(name, identity, selfClosing: true);
                    i = SkipRawText(html, i, name);
                    continue;
                }
                stack.Start(name, identity, selfClosing);
            }
            else
            {
                i++;
            }
            if (stack.Deepest > limit)
            {
                break;
            }
        }
        return Math.Min(stack.Deepest, limit + 1);
    }

    private static string ReadName(string html, int start, out int end)
    {
        end = start;
        while (end < html.Length && !char.IsWhiteSpace(html[end]) && html[end] is not '/' and not '>')
        {
            end++;
        }
        return html[start..end].ToLowerInvariant();
    }

    /// <summary>Past the tag's closing '&gt;', honouring quoted attribute values; past the end of the text if there is none.</summary>
    private static int SkipAttributes(string html, int i, out bool selfClosing)
    {
        selfClosing = false;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }
            if (c == '/')
            {
                selfClosing = i + 1 < html.Length && html[i + 1] == '>';
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            // An attribute name, then perhaps "=" and a value; only a value can be quoted.
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not '/' and not '>' and not '=')
            {
                i++;
            }
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }
            if (i >= html.Length || html[i] != '=')
            {
                continue;
            }
            i++;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }
            if (i < html.Length && html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
            {
                i++;
            }
        }
        return html.Length + 1;
    }

    private static int SkipMarkup(string html, int i)
    {
        if (string.CompareOrdinal(html, i, "<!--", 0, 4) != 0)
        {
            return SkipTo(html, i, '>');
        }
        // "<!-->" and "<!--->" end at once; otherwise at "-->" or "--!>".
        var close = html.IndexOf("-->", i + 2, StringComparison.Ordinal);
        var bang = html.IndexOf("--!>", i + 4, StringComparison.Ordinal);
        if (bang >= 0 && (close < 0 || bang < close))
        {
            return bang + 4;
        }
        return close < 0 ? html.Length : close + 3;
    }

    private static int SkipTo(string html, int i, char c)
    {
        var at = html.IndexOf(c, i);
        return at < 0 ? html.Length : at + 1;
    }

    private static int SkipRawText(string html, int i, string name)
    {
        var closing = "</" + name;
        while ((i = html.IndexOf(closing, i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var after = i + closing.Length;
            if (after >= html.Length || char.IsWhiteSpace(html[after]) || html[after] is '/' or '>')
            {
                return i;
            }
            i = after;
        }
        return html.Length;
    }

    /// <summary>The model of the stack: what is open, and the formatting elements closed implicitly that the parser will reopen.</summary>
    private sealed class OpenElements
    {
        private readonly List<(string Name, string Identity, int DormantBefore)> _open = [];
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        /// <summary>Formatting elements closed implicitly but still active, in order, by identity (name and attributes).</summary>
        private readonly List<(string Name, string Identity)> _dormant = [];
        private readonly Dictionary<string, int> _dormantCounts = new(StringComparer.Ordinal);

        public int Deepest { get; private set; }

        public void Start(string name, string identity, bool selfClosing)
        {
            if (name is "html" or "head" or "body" or "frameset")
            {
                // The parser merges these into the elements it already made.
                return;
            }
            if ((selfClosing && (Count("svg") > 0 || Count("math") > 0 || name is "svg" or "math")) || Void.Contains(name))
            {
                CloseParagraphIf(name == "hr");
                return;
            }
            if (ClosesParagraph.Contains(name))
            {
                CloseParagraphIf(true);
            }
            switch (name)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6" when _open.Count > 0 && Headings.Contains(_open[^1].Name):
                    PopFrom(_open.Count - 1);
                    break;
                case "li":
                    CloseListItem("li", ["ul", "ol"]);
                    break;
                case "dd" or "dt":
                    CloseListItem("dd", ["dl"], "dt");
                    break;
                case "a" or "nobr":
                    RemoveFormatting(name);
                    break;
                case "button" or "select" or "option" or "optgroup":
                    CloseSame(name);
                    break;
                case "td" or "th":
                    CloseInTableScope(Cells);
                    PushTableParents(needsRow: true);
                    break;
                case "tr":
                    CloseInTableScope(["tr"]);
                    PushTableParents(needsRow: false);
                    break;
                case "tbody" or "thead" or "tfoot":
                    CloseInTableScope(TableSections);
                    break;
                case "table":
                    // A table inside a table (not inside one of its cells) closes the first.
                    CloseTableUnlessInCell();
                    break;
            }
            Push(name, identity);
        }

        public void End(string name)
        {
            if (name is "html" or "body" or "br" || Count(name) == 0)
            {
                if (Formatting.Contains(name))
                {
                    WakeDormant(name);
                }
                return;
            }
            if (Formatting.Contains(name))
            {
                RemoveFormatting(name);
                return;
            }
            // The nearest element of that name, unless a scope boundary (or, for an ordinary name, any
            // special element) lies above it: then the end tag is ignored. Table parts close up to their table.
            var special = Special.Contains(name);
            var boundaries = name is "td" or "th" or "tr" or "tbody" or "thead" or "tfoot" or "caption" or "table" ? TableScope : null;
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (open == name)
                {
                    PopFrom(i);
                    return;
                }
                if ((boundaries?.Contains(open) ?? ScopeBoundary.Contains(open)) || (!special && Special.Contains(open)))
                {
                    return;
                }
            }
        }

        private int Count(string name) => _counts.GetValueOrDefault(name);

        /// <summary>An end tag of a formatting element that is only dormant takes it out of the list.</summary>
        private void WakeDormant(string name)
        {
            var at = _dormant.FindLastIndex(d => d.Name == name);
            if (at >= 0)
            {
                _dormantCounts[_dormant[at].Identity]--;
                _dormant.RemoveAt(at);
            }
        }

        private void Push(string name, string? identity = null)
        {
            identity ??= name;
            _open.Add((name, identity, _dormant.Count));
            _counts[name] = Count(name) + 1;
            Deepest = Math.Max(Deepest, _open.Count + _dormant.Count);
        }

        /// <summary>Pops the element at <paramref name="index"/> and all above it.</summary>
        private void PopFrom(int index)
        {
            for (var i = _open.Count - 1; i >= index; i--)
            {
                var (name, identity, dormantBefore) = _open[i];
                _counts[name]--;
                if (ScopeBoundary.Contains(name))
                {
                    // Closing a cell, caption or object clears the formatting elements opened inside it.
                    while (_dormant.Count > dormantBefore)
                    {
                        _dormantCounts[_dormant[^1].Identity]--;
                        _dormant.RemoveAt(_dormant.Count - 1);
                    }
                }
                else if (Formatting.Contains(name) && i != index)
                {
                    // Still in the list of active formatting elements: the next text reopens it, unless three
                    // identical ones are there already (the "Noah's Ark" clause, WHATWG 13.2.4.3).
                    if (_dormantCounts.GetValueOrDefault(identity) < 3)
                    {
                        _dormant.Add((name, identity));
                        _dormantCounts[identity] = _dormantCounts.GetValueOrDefault(identity) + 1;
                    }
                }
            }
            _open.RemoveRange(index, _open.Count - index);
        }

        private void CloseParagraphIf(bool closes)
        {
            if (!closes || Count("p") == 0)
            {
                return;
            }
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (open == "p")
                {
                    PopFrom(i);
                    return;
                }
                if (ScopeBoundary.Contains(open) || open == "button")
                {
                    return;
                }
            }
        }

        /// <summary>An open list item (or dd/dt) closes when the next starts, unless a list or another special element is nearer.</summary>
        private void CloseListItem(string item, string[] lists, string? other = null)
        {
            if (Count(item) == 0 && (other is null || Count(other) == 0))
            {
                return;
            }
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (open == item || open == other)
                {
                    PopFrom(i);
                    return;
                }
                if (lists.Contains(open) || ScopeBoundary.Contains(open) || (Special.Contains(open) && open is not "address" and not "div" and not "p"))
                {
                    return;
                }
            }
        }

        /// <summary>The adoption agency moves the elements above a closed formatting element rather than closing them.</summary>
        private void RemoveFormatting(string name)
        {
            if (Count(name) == 0)
            {
                WakeDormant(name);
                return;
            }
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (open == name)
                {
                    _counts[name]--;
                    _open.RemoveAt(i);
                    return;
                }
                if (ScopeBoundary.Contains(open))
                {
                    return;
                }
            }
        }

        private void CloseSame(string name)
        {
            if (Count(name) == 0)
            {
                return;
            }
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                if (_open[i].Name == name)
                {
                    PopFrom(i);
                    return;
                }
                if (ScopeBoundary.Contains(_open[i].Name))
                {
                    return;
                }
            }
        }

        private void CloseInTableScope(string[] names)
        {
            if (names.All(n => Count(n) == 0))
            {
                return;
            }
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (names.Contains(open))
                {
                    PopFrom(i);
                    return;
                }
                if (TableScope.Contains(open))
                {
                    return;
                }
            }
        }

        private void CloseTableUnlessInCell()
        {
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                var open = _open[i].Name;
                if (open == "table")
                {
                    PopFrom(i);
                    return;
                }
                if (open is "td" or "th" or "caption" or "template" or "html")
                {
                    return;
                }
            }
        }

        /// <summary>A row or cell directly in a table gets the body (and row) the parser inserts for it.</summary>
        private void PushTableParents(bool needsRow)
        {
            if (_open.Count == 0)
            {
                return;
            }
            var top = _open[^1].Name;
            if (top == "table")
            {
                Push("tbody");
                top = "tbody";
            }
            if (needsRow && TableSections.Contains(top))
            {
                Push("tr");
            }
        }
    }
}
