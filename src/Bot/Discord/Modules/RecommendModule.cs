using Bot.Commands;
using Bot.Commands.Declared;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations;
using Bot.Store;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/recommend [count]</c>: the user's picks, ephemeral, each with its reason and feedback buttons.
/// The buttons (<c>rec:KIND:ROWID</c>, here and on the daily posts) record 👍, 👎, not interested or
/// save for whoever presses them, and acknowledge only to them.
/// </summary>
public sealed class RecommendModule(RecommendCommand recommend, RecommendationCommands commands, FrontEndState state, DiscordRestClient rest) : ISlashCommand, IComponentHandler
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    public string Name => "recommend";

    public string Prefix => PickMessages.Prefix;

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!await state.TryStartAsync(rest, interaction, Name, Cooldown, "Picks take a moment", cancellationToken))
        {
            return;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        // The router has checked the options against the declaration; the declared command numbers the picks for /save 2.
        var (reply, picks) = DeclaredCommandModule.Read(interaction, recommend.Declaration, out var request) is { } invalid
            ? (CommandReply.Error(invalid), [])
            : await recommend.RecommendAsync(request!, cancellationToken);
        if (picks.Count == 0)
        {
            await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
                new MessageCreate(Embeds: [reply.IsError ? ReplyEmbeds.Error(reply.Headline) : ReplyEmbeds.General(reply)]), cancellationToken);
            return;
        }
        var messages = PickMessages.Render(picks, $"**{reply.Headline}** · {reply.Footer}", ephemeral: true);
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, messages[0] with { Flags = null }, cancellationToken);
        foreach (var message in messages.Skip(1))
        {
            await rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken);
        }
    }

    public async Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken)
    {
        // parts: ["rec", kind, rowid]
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        CommandReply reply;
        if (parts.Length < 3 || FeedbackKinds.Parse(parts[1]) is not { } kind
            || !long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rowId))
        {
            reply = CommandReply.Error("This button is not one I know; run /recommend again.");
        }
        else
        {
            reply = commands.Feedback(interaction.InvokerId, interaction.GuildId, rowId, kind);
        }
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Content: reply.IsError ? null : reply.Headline, Embeds: reply.IsError ? [ReplyEmbeds.Error(reply.Headline)] : null), cancellationToken);
    }
}
