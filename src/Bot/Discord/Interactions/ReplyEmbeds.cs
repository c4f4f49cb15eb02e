using System.Text;
using Bot.Commands;
using Bot.Discord.Messages;
using Bot.Discord.Payloads;

namespace Bot.Discord.Interactions;

/// <summary>Renders the front-end-neutral <see cref="CommandReply"/> as Discord embeds, within Discord's limits.</summary>
public static partial class ReplyEmbeds
{
    public const int Accent = 0x5865F2;
    public const int ErrorColour = 0xED4245;

    /// <summary>A paper list (search results) as one embed: numbered titles with links, a gist and a date each.</summary>
    public static Embed PaperList(string title, IReadOnlyList<ReplyItem> items, int firstNumber, string? footer)
    {
        var description = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var heading = item.Link is { } link ? $"[{Escape(item.Title)}]({link})" : Escape(item.Title);
            description.Append($"**{firstNumber + i}. {heading}**");
            if (item.FirstSeenLabel is { } seen)
            {
                description.Append($" · {seen}");
            }
            description.Append('\n');
            if (item.Text.Length > 0)
            {
                description.Append(Escape(item.Text)).Append('\n');
            }
            description.Append('\n');
        }
        return Fit(new Embed(title, description.ToString().TrimEnd(), Color: Accent, Footer: footer is null ? null : new EmbedFooter(footer)));
    }

    /// <summary>Any other reply: the headline as title, each item a field (the first long one as the description).</summary>
    public static Embed General(CommandReply reply)
    {
        var fields = new List<EmbedField>();
        string? description = null;
        foreach (var item in reply.Items)
        {
            if (description is null && fields.Count == 0 && item.Text.Length > MessageLimits.FieldValueLength)
            {
                description = $"**{Escape(item.Title)}**\n{Escape(item.Text)}";
                continue;
            }
            // A link stays as it is: escaping would break the URL.
            var value = item.Link is { } link ? link : item.Text.Length > 0 ? Escape(item.Text) : item.Id is { } id ? $"id `{id}`" : "—";
            if (item.Date is { } date)
            {
                value += $" ({date:yyyy-MM-dd})";
            }
            fields.Add(new EmbedField(Escape(item.Title), value));
        }
        return Fit(new Embed(reply.Headline, description, Color: reply.IsError ? ErrorColour : Accent,
            Footer: reply.Footer is null ? null : new EmbedFooter(reply.Footer), Fields: fields.Count > 0 ? [.. fields] : null));
    }

    /// <summary>An answer from <c>BotCommands.AskAsync</c>: the cited text, then the numbered sources it cites.</summary>
    public static Embed Answer(CommandReply reply)
    {
        if (reply.IsError || reply.Items.Count == 0)
        {
            return General(reply);
        }
        var sources = new StringBuilder();
        foreach (var (source, number) in reply.Items.Skip(1).Select((item, i) => (item, i + 1)))
        {
            var title = source.Link is { } link ? $"[{Escape(source.Title)}]({link})" : Escape(source.Title);
            sources.Append($"**[{number}]** {title}\n");
        }
        EmbedField[]? fields = sources.Length > 0 ? [new EmbedField("Sources", sources.ToString().TrimEnd())] : null;
        // Citation markers stay readable as "[1]"; everything else in the quoted text is escaped.
        var text = CitationMarker().Replace(Escape(reply.Items[0].Text), "[$1]");
        return Fit(new Embed(reply.Headline, text, Color: Accent, Fields: fields,
            Footer: reply.Footer is null ? null : new EmbedFooter(reply.Footer)));
    }

    public static Embed Error(string message) => Fit(new Embed(Description: message, Color: ErrorColour));

    private static Embed Fit(Embed embed) => EmbedFitter.Fit([embed])[0];

    [System.Text.RegularExpressions.GeneratedRegex(@"\\\[(\d{1,2})\\\](?!\()")]
    private static partial System.Text.RegularExpressions.Regex CitationMarker();

    /// <summary>Paper text is data: markdown in a title or abstract must not format or link the message.</summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '_' or '`' or '~' or '|' or '>' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
