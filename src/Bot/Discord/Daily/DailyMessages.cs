using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Daily;

/// <summary>The Discord messages of daily posts. Each carries the post's reference in its embed footer.</summary>
public static class DailyMessages
{
    /// <summary>A subscriber's picks (or their "nothing new" notice); in a channel it names them without pinging.</summary>
    public static MessageCreate ForSubscriber(DailyPost post)
    {
        var footer = $"Daily picks · {post.LocalDate:yyyy-MM-dd} · ref {post.Reference}";
        var embed = post.Items.Count == 0
            ? new Embed(post.Heading, "New papers arrive with each digest; your next picks will use them.", Color: ReplyEmbeds.Accent, Footer: new EmbedFooter(footer))
            : ReplyEmbeds.PaperList(post.Heading, [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))], 1, footer);
        var content = post.Delivery == DeliveryKind.Channel ? $"<@{post.TargetId}>, your daily papers" : null;
        return new MessageCreate(content, [embed], AllowedMentions: AllowedMentions.None);
    }

    /// <summary>The community digest's starter message; the thread hangs from it.</summary>
    public static MessageCreate CommunityStarter(DailyPost post) =>
        new(Embeds: [new Embed(post.Heading, "One line on each paper in the thread below; /subscribe gets you your own picks.",
            Color: ReplyEmbeds.Accent, Footer: new EmbedFooter($"Community digest · {post.LocalDate:yyyy-MM-dd} · ref {post.Reference}"))],
            AllowedMentions: AllowedMentions.None);

    public static string ThreadName(DailyPost post) => $"Papers for {post.LocalDate:yyyy-MM-dd}";

    /// <summary>The papers inside the thread, each with its one-line summary.</summary>
    public static MessageCreate CommunityPapers(DailyPost post) =>
        new(Embeds: [ReplyEmbeds.PaperList(post.Heading, [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))], 1, null)],
            AllowedMentions: AllowedMentions.None);

    /// <summary>Whether a message is the post with this reference.</summary>
    public static bool Carries(Message message, string reference) =>
        message.Content.Contains(reference, StringComparison.Ordinal)
        || message.Embeds?.Any(e => e.Footer?.Text.Contains(reference, StringComparison.Ordinal) == true) == true;
}
