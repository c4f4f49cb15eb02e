using System.Globalization;
using Bot.Commands;
using Bot.Commands.Declarations;
using Bot.Commands.Declared;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/search query [limit] [since]</c>: an ephemeral page of results with Prev/Next, a menu to open a
/// paper, and a button to share the page with the channel. Buttons carry <c>search:ACTION:SESSION:PAGE</c>.
/// The results are the declared /search command's, numbered on across pages as the console numbers them,
/// so "/paper 7" or "/save 7" afterwards means the seventh result here too.
/// </summary>
public sealed class SearchModule(
    SearchCommand search, BotCommands commands, SearchSessions sessions, FrontEndState state, DiscordRestClient rest) : ISlashCommand, IComponentHandler
{
    public const int PageSize = 5;
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(3);

    public string Name => "search";

    public string Prefix => "search";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!await state.TryStartAsync(rest, interaction, Name, Cooldown, "You are searching quickly", cancellationToken))
        {
            return;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);

        var query = interaction.String("query") ?? "";
        // The router has checked every option against the declaration (a bad date never gets here).
        DateOption.TryParse("since", interaction.String("since"), out var sinceDate, out _);
        // The session keeps the date in the one format it is read back with.
        var since = sinceDate?.ToString(DateOption.Format, CultureInfo.InvariantCulture);
        var session = new SearchSession(query, since, (int)Math.Clamp(interaction.Integer("limit") ?? Bot.Commands.Declared.SearchCommand.DefaultLimit, 1, 25), interaction.InvokerId);
        sessions.Save(interaction.Id, session);
        await EditAsync(interaction, await PageAsync(interaction, interaction.Id, session, 0, shared: false, cancellationToken), cancellationToken);
    }

    public async Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken)
    {
        // parts: ["search", action, session, page?]
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage), cancellationToken);
        if (parts.Length < 3 || sessions.Find(parts[2]) is not { } session)
        {
            await FollowUpAsync(interaction, Respond.EphemeralMessage("This search has expired; run /search again."), cancellationToken);
            return;
        }
        var page = parts.Length > 3 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
        switch (parts[1])
        {
            case "page":
                await EditAsync(interaction, await PageAsync(interaction, parts[2], session, page, shared: false, cancellationToken), cancellationToken);
                break;
            case "share":
                var shared = await PageAsync(interaction, parts[2], session, page, shared: true, cancellationToken);
                await FollowUpAsync(interaction, shared with { Flags = null }, cancellationToken);
                break;
            case "open" when interaction.Data?.Values is [var paperId, ..]:
                var reply = commands.Paper(paperId);
                await FollowUpAsync(interaction, Respond.EphemeralMessage(embed: ReplyEmbeds.General(reply)), cancellationToken);
                break;
        }
    }

    private async Task<MessageCreate> PageAsync(Interaction interaction, string sessionId, SearchSession session, int page, bool shared, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["query"] = session.Query,
            ["limit"] = session.Limit.ToString(CultureInfo.InvariantCulture),
        };
        if (session.Since is { } since)
        {
            values["since"] = since;
        }
        var reply = await search.RunAsync(new CommandRequest(Askers.Of(interaction), null, values), cancellationToken);
        if (reply.IsError || reply.Items.Count == 0)
        {
            return new MessageCreate(Embeds: [reply.IsError ? ReplyEmbeds.Error(reply.Headline) : ReplyEmbeds.General(reply)], Components: []);
        }
        var pages = (reply.Items.Count + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 0, pages - 1);
        var items = reply.Items.Skip(page * PageSize).Take(PageSize).ToList();
        var footer = $"Page {page + 1}/{pages} · {reply.Footer}";
        var embed = ReplyEmbeds.PaperList($"Results for \"{session.Query}\"", items, page * PageSize + 1, footer);
        if (shared)
        {
            return new MessageCreate(Embeds: [embed], Components: []);
        }
        Component[] components =
        [
            Component.ActionRow(
                Component.Button(ButtonStyle.Secondary, "◀ Prev", $"search:page:{sessionId}:{page - 1}", disabled: page == 0),
                Component.Button(ButtonStyle.Secondary, "Next ▶", $"search:page:{sessionId}:{page + 1}", disabled: page >= pages - 1),
                Component.Button(ButtonStyle.Primary, "Share to channel", $"search:share:{sessionId}:{page}")),
            Component.ActionRow(Component.StringSelect($"search:open:{sessionId}",
                [.. items.Select((item, i) => new SelectOption(Limit($"{page * PageSize + i + 1}. {item.Title}", 100), item.Id!, Limit(item.Text, 100)))],
                placeholder: "Open a paper")),
        ];
        return new MessageCreate(Embeds: [embed], Components: components, Flags: MessageFlags.Ephemeral);
    }

    private Task EditAsync(Interaction interaction, MessageCreate message, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message with { Flags = null }, cancellationToken);

    private Task FollowUpAsync(Interaction interaction, MessageCreate message, CancellationToken cancellationToken) =>
        rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);

    private static string Limit(string text, int length) => Messages.TextTruncation.Truncate(text.Length == 0 ? "—" : text, length);
}
