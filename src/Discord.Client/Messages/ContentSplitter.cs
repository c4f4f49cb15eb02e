namespace Bot.Discord.Messages;

/// <summary>
/// Splits long content into messages of at most a given length, preferring a paragraph break, then a
/// line break, then a sentence end, then a space, and only then a hard cut (never inside a surrogate
/// pair). A chunk ends before a code block rather than inside it; a code block longer than one message
/// is closed at a line break and reopened, with its language, in the next message.
/// </summary>
public static class ContentSplitter
{
    private const string Fence = "```";
    private const string CloseFence = "\n```";

    public static IReadOnlyList<string> Split(string content, int limit = MessageLimits.ContentLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var chunks = new List<string>();
        var text = content.Trim();
        while (text.Length > limit)
        {
            var (cut, next) = FindBoundary(text, limit);
            var reopen = "";
            var fence = OpenFenceBefore(text, cut);
            if (fence is { } open && open.Start > 0)
            {
                // End this message before the code block; the block starts the next one.
                (cut, next) = (open.Start, open.Start);
            }
            else if (fence is { } inside && inside.Line.Length + CloseFence.Length < limit / 2)
            {
                // The block alone is longer than a message: close it here, reopen it in the next.
                (cut, next) = FindBoundary(text, limit - CloseFence.Length, afterLine: text.IndexOf('\n', inside.Start));
                reopen = inside.Line + "\n";
            }
            var chunk = text[..cut].TrimEnd();
            if (reopen.Length > 0)
            {
                chunk += CloseFence;
            }
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }
            var rest = text[next..];
            text = reopen.Length > 0 ? reopen + rest.TrimStart('\r', '\n') : rest.TrimStart();
        }
        if (text.Length > 0)
        {
            chunks.Add(text);
        }
        return chunks;
    }

    /// <summary>Where to end this chunk (exclusive) and where the next starts, for a chunk of at most <paramref name="limit"/>.</summary>
    /// <remarks>With <paramref name="afterLine"/> set, only a line break after that index will do (code keeps its lines).</remarks>
    private static (int Cut, int Next) FindBoundary(string text, int limit, int? afterLine = null)
    {
        var half = limit / 2;
        var lineBreaksOnly = afterLine is not null;
        var paragraph = text.LastIndexOf("\n\n", limit, StringComparison.Ordinal);
        if (!lineBreaksOnly && paragraph >= half)
        {
            return (paragraph, paragraph + 2);
        }
        var line = text.LastIndexOf('\n', limit);
        if (line >= half || (lineBreaksOnly && line > afterLine))
        {
            return (line, line + 1);
        }
        if (!lineBreaksOnly)
        {
            for (var i = limit; i > half; i--)
            {
                if (char.IsWhiteSpace(text[i]) && text[i - 1] is '.' or '!' or '?')
                {
                    return (i, i + 1);
                }
            }
            var space = TextTruncation.LastWhitespaceAtOrBefore(text, limit);
            if (space > 0)
            {
                return (space, space + 1);
            }
        }
        var hard = TextTruncation.SafeCut(text, limit);
        return (hard, hard);
    }

    /// <summary>The code fence still open at <paramref name="end"/>: where its line starts and the line itself (<c>```python</c>).</summary>
    private static (int Start, string Line)? OpenFenceBefore(string text, int end)
    {
        (int Start, string Line)? open = null;
        for (var lineStart = 0; lineStart < end;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > end)
            {
                lineEnd = end;
            }
            var line = text[lineStart..lineEnd];
            if (line.TrimStart().StartsWith(Fence, StringComparison.Ordinal))
            {
                open = open is null ? (lineStart, line.Trim()) : null;
            }
            lineStart = lineEnd + 1;
        }
        return open;
    }
}
