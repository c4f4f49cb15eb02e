using System.Globalization;
using Bot.Commands;
using Bot.Commands.Declarations;
using Bot.Commands.Declared;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/library</c>: the user's saved papers, a page at a time with Prev/Next (<c>library:page:N</c>). The
/// page is the user's own ephemeral message, so the buttons can only be pressed by them.
/// </summary>
public sealed class LibraryModule(LibraryCommand library, DiscordRestClient rest) : ISlashCommand, IComponentHandler
{
    public string Name => "library";

    public string Prefix => "library";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        await ShowAsync(interaction, 0, cancellationToken);
    }

    public async Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage), cancellationToken);
        var page = parts is [_, "page", var number] && int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
        await ShowAsync(interaction, page, cancellationToken);
    }

    private async Task ShowAsync(Interaction interaction, int page, CancellationToken cancellationToken)
    {
        // The declared command pages the library and numbers the page on for "/paper 12".
        var reply = await library.RunAsync(new CommandRequest(Askers.Of(interaction), null,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["page"] = (Math.Max(page, 0) + 1).ToString(CultureInfo.InvariantCulture) }), cancellationToken);
        if (reply.Items.Count == 0)
        {
            await RecommendationReplies.EditAsync(rest, interaction, reply, cancellationToken);
            return;
        }
        // The footer is "Page P/N": the clamped page the command actually showed.
        var (shown, pages) = ParseFooter(reply.Footer);
        var embed = ReplyEmbeds.PaperList(reply.Headline, reply.Items, reply.FirstNumber, reply.Footer);
        Component[] rows =
        [
            Component.ActionRow(
                Component.Button(ButtonStyle.Secondary, "◀ Prev", $"library:page:{shown - 1}", disabled: shown == 0),
                Component.Button(ButtonStyle.Secondary, "Next ▶", $"library:page:{shown + 1}", disabled: shown >= pages - 1)),
        ];
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, new MessageCreate(Embeds: [embed], Components: rows), cancellationToken);
    }

    private static (int Page, int Pages) ParseFooter(string? footer) =>
        footer is not null && footer.StartsWith("Page ", StringComparison.Ordinal) && footer[5..].Split('/') is [var p, var n]
            && int.TryParse(p, CultureInfo.InvariantCulture, out var page) && int.TryParse(n, CultureInfo.InvariantCulture, out var pages)
            ? (page - 1, pages) : (0, 1);
}
