using System.Globalization;
using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Recommendations;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Daily;

/// <summary>
/// The Discord messages of daily posts. Every message carries the post's reference and, after the
/// first, its part number (<c>ref dp-… part 2</c>), so a resumed run can tell which parts arrived; and a
/// nonce, so a create retried within Discord's window returns the message instead of posting it again.
/// </summary>
public static class DailyMessages
{
    private const string PartMarker = " part ";

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
            return [Idempotent(new MessageCreate(Embeds: [new Embed(post.Heading, "New papers arrive with each digest; your next picks will use them.",
                Color: ReplyEmbeds.Accent, Footer: new EmbedFooter(reference))], AllowedMentions: AllowedMentions.None), post, 0)];
        }
        var greeting = post.Delivery == DeliveryKind.Channel ? $"<@{post.TargetId}>, {char.ToLowerInvariant(post.Heading[0])}{post.Heading[1..]}" : $"**{post.Heading}**";
        var picks = post.Items.Select(i => new Pick(i.PaperRowId, i.PaperId, i.Title, i.Abstract, i.FirstSeen, i.Link, i.Score, i.Line)).ToList();
        return [.. PickMessages.Render(picks, $"{greeting}\n-# {reference}")
            .Select((message, part) => Idempotent(part == 0 ? message : message with { Content = $"-# {Marker(post, part)}" }, post, part))];
    }

    /// <summary>The community digest's starter message (part 0); the thread (part 1) hangs from it.</summary>
    public static MessageCreate CommunityStarter(DailyPost post) => Idempotent(
        new(Embeds: [new Embed(post.Heading, "One line on each paper in the thread below; /subscribe gets you your own picks.",
            Color: ReplyEmbeds.Accent, Footer: new EmbedFooter($"Community digest · {post.LocalDate:yyyy-MM-dd} · ref {post.Reference}"))],
            AllowedMentions: AllowedMentions.None), post, 0);

    public static string ThreadName(DailyPost post) => $"Papers for {post.LocalDate:yyyy-MM-dd}";

    /// <summary>The papers inside the thread (part 2), each with its one-line summary.</summary>
    public static MessageCreate CommunityPapers(DailyPost post) => Idempotent(
        new(Content: $"-# {Marker(post, 2)}",
            Embeds: [ReplyEmbeds.PaperList(post.Heading, [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))], 1, null)],
            AllowedMentions: AllowedMentions.None), post, 2);

    /// <summary>Which part of the post with this reference a message is (0 for the first); null when it is not one.</summary>
    public static int? PartOf(Message message, string reference) =>
        new[] { message.Content }.Concat(message.Embeds?.Select(e => e.Footer?.Text) ?? [])
            .Select(text => PartIn(text, reference)).FirstOrDefault(part => part is not null);

    /// <summary>The nonce of a part: the reference (19 characters) and the part number, within Discord's 25.</summary>
    public static string Nonce(DailyPost post, int part) => $"{post.Reference}.{part.ToString(CultureInfo.InvariantCulture)}";

    private static MessageCreate Idempotent(MessageCreate message, DailyPost post, int part) =>
        message with { Nonce = Nonce(post, part), EnforceNonce = true };

    private static string Marker(DailyPost post, int part) => $"ref {post.Reference}{PartMarker}{(part + 1).ToString(CultureInfo.InvariantCulture)}";

    private static int? PartIn(string? text, string reference)
    {
        var marker = "ref " + reference;
        var at = text?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }
        var rest = text.AsSpan(at + marker.Length);
        if (!rest.StartsWith(PartMarker, StringComparison.Ordinal))
        {
            return 0;
        }
        rest = rest[PartMarker.Length..];
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }
        return int.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? number - 1 : null;
    }
}
