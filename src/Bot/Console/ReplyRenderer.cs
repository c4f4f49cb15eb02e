using System.Text;
using Bot.Commands;

namespace Bot.Console;

/// <summary>
/// Renders a <see cref="CommandReply"/> as plain text for a terminal: with a <paramref name="width"/>
/// (a terminal's), long texts wrap at word boundaries under their indent instead of splitting mid-word
/// at the edge; without one (a pipe, a file, tests) each text stays one line.
/// </summary>
public static class ReplyRenderer
{
    public static string Render(CommandReply reply, int? width = null)
    {
        var text = new StringBuilder();
        text.AppendLine(reply.IsError ? "! " + reply.Headline : reply.Headline);
        var number = reply.FirstNumber - 1;
        foreach (var item in reply.Items)
        {
            var isPaper = item.Id is not null;
            text.Append(isPaper ? $"{++number,2}. " : "  ").Append(item.Title);
            if (item.Date is { } date)
            {
                // A paper's date is when the digests first listed it, which is not when it was published.
                text.Append(isPaper ? $" ({item.FirstSeenLabel})" : $" ({date:yyyy-MM-dd})");
            }
            if (item.Id is { } id)
            {
                text.Append($" [{id}]");
            }
            text.AppendLine();
            if (item.Text.Length > 0)
            {
                // Every line of a several-line text under its item ("gist", then "Why: …"), not only the first.
                foreach (var line in item.Text.ReplaceLineEndings("\n").Split('\n'))
                {
                    foreach (var part in Wrap(line, width is { } w ? w - Indent.Length - 1 : null))
                    {
                        text.Append(Indent).AppendLine(part);
                    }
                }
            }
            if (isPaper && item.Link is { } link)
            {
                text.Append("    ").AppendLine(link);
            }
        }
        if (reply.Footer is { } footer)
        {
            text.AppendLine($"  — {footer}");
        }
        return text.ToString();
    }

    private const string Indent = "    ";

    /// <summary>The line in pieces of at most <paramref name="width"/> characters, broken at spaces (a longer word stands alone).</summary>
    internal static IEnumerable<string> Wrap(string line, int? width)
    {
        if (width is not { } max || max < 20 || line.Length <= max)
        {
            yield return line;
            yield break;
        }
        var current = new StringBuilder();
        foreach (var word in line.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > max)
            {
                yield return current.ToString();
                current.Clear();
            }
            if (current.Length > 0)
            {
                current.Append(' ');
            }
            current.Append(word);
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
