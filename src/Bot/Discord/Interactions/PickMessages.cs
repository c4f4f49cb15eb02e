using System.Globalization;
using Bot.Commands;
using Bot.Discord.Messages;
using Bot.Discord.Payloads;
using Bot.Recommendations;

namespace Bot.Discord.Interactions;

/// <summary>
/// Renders recommended papers as Discord messages: one embed per pick (title linked, gist, why it was
/// picked) and under it a row of buttons 👍 / 👎 / Not interested / Save whose custom ids,
/// <c>rec:like|dislike|dismiss|save:ROWID</c>, the pick feedback handler understands. A message holds at
/// most five rows of buttons, so five picks go in each message. Used by <c>/recommend</c> and the daily posts.
/// </summary>
public static class PickMessages
{
    public const string Prefix = "rec";
    public const int PicksPerMessage = 5;

    /// <param name="headline">The first message's text (null for none).</param>
    /// <param name="ephemeral">Only the invoking user sees it (an interaction reply).</param>
    public static IReadOnlyList<MessageCreate> Render(IReadOnlyList<Pick> picks, string? headline, bool ephemeral = false)
    {
        var messages = new List<MessageCreate>();
        for (var start = 0; start < picks.Count; start += PicksPerMessage)
        {
            var chunk = picks.Skip(start).Take(PicksPerMessage).ToList();
            var embeds = chunk.Select((pick, i) => Embed(pick, start + i + 1)).ToArray();
            var rows = chunk.Select((pick, i) => Buttons(pick, start + i + 1)).ToArray();
            messages.Add(new MessageCreate(
                Content: start == 0 ? headline : null,
                Embeds: EmbedFitter.Fit(embeds).ToArray(),
                Components: rows,
                AllowedMentions: AllowedMentions.None,
                Flags: ephemeral ? MessageFlags.Ephemeral : null));
        }
        return messages;
    }

    /// <summary>The custom id of a feedback button.</summary>
    public static string CustomId(FeedbackKind kind, long paperRowId) =>
        $"{Prefix}:{FeedbackKinds.Name(kind)}:{paperRowId.ToString(CultureInfo.InvariantCulture)}";

    private static Embed Embed(Pick pick, int number) => new(
        Title: $"{number}. {pick.Title}",
        Description: $"{ReplyEmbeds.Escape(Gist.Of(pick.Abstract, 300))}\n\n**Why:** {ReplyEmbeds.Escape(pick.Reason)}",
        Url: pick.Link,
        Color: ReplyEmbeds.Accent,
        Footer: new EmbedFooter($"id {pick.PaperId} · {ReplyItem.SeenLabel(pick.FirstSeen, pick.FirstSeenKnown)}"));

    private static Component Buttons(Pick pick, int number) => Component.ActionRow(
        Component.Button(ButtonStyle.Success, $"👍 {number}", CustomId(FeedbackKind.Like, pick.PaperRowId)),
        Component.Button(ButtonStyle.Danger, $"👎 {number}", CustomId(FeedbackKind.Dislike, pick.PaperRowId)),
        Component.Button(ButtonStyle.Secondary, $"Not interested {number}", CustomId(FeedbackKind.Dismiss, pick.PaperRowId)),
        Component.Button(ButtonStyle.Primary, $"Save {number}", CustomId(FeedbackKind.Save, pick.PaperRowId)));
}
