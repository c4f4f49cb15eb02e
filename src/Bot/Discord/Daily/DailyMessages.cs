using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Recommendations;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Daily;

/// <summary>The Discord messages of daily posts. Each carries the post's reference in its embed footer.</summary>
public static class DailyMessages
{
    /// <summary>
    /// A subscriber's picks with the feedback buttons (<see cref="PickMessages"/>, five to a message), or
    /// their "nothing new" notice. The first message names the day and carries the reference; in a channel
    /// it names the subscriber without pinging.
    /// </summary>
    public static IReadOnlyList<MessageCreate> ForSubscriber(DailyPost post)
    {
        var reference = $"Daily picks · {post.LocalDate:yyyy-MM-dd} · ref {post.Reference}";
        if (post.Items.Count == 0)
        {
            return [new MessageCreate(Embeds: [new Embed(post.Heading, "New papers arrive with each digest; your next picks will use them.",
                Color: ReplyEmbeds.Accent, Footer: new EmbedFooter(reference))], AllowedMentions: AllowedMentions.None)];
        }
        var greeting = post.Delivery == DeliveryKind.Channel ? $"<@{post.TargetId}>, {char.ToLowerInvariant(post.Heading[0])}{post.Heading[1..]}" : $"**{post.Heading}**";
        var picks = post.Items.Select(i => new Pick(i.PaperRowId, i.PaperId, i.Title, i.Abstract, i.FirstSeen, i.Link, i.Score, i.Line)).ToList();
        return PickMessages.Render(picks, $"{greeting}\n-# {reference}");
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
