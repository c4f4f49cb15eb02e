using System.Text;
using Bot.Commands;

namespace Bot.Console;

/// <summary>Renders a <see cref="CommandReply"/> as plain text for a terminal.</summary>
public static class ReplyRenderer
{
    public static string Render(CommandReply reply)
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
                text.Append($" ({date:yyyy-MM-dd})");
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
                    text.Append("    ").AppendLine(line);
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
}
