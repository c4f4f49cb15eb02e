using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/forget-me</c>: asks first (Delete everything / Cancel, <c>forget:confirm|cancel</c>), then deletes
/// every row about the user. The question is ephemeral, so only the user can press its buttons.
/// </summary>
public sealed class ForgetMeModule(RecommendationCommands commands, DiscordRestClient rest) : ISlashCommand, IComponentHandler
{
    public string Name => "forget-me";

    public string Prefix => "forget";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var question = new Embed("Forget everything about you?",
            "This deletes your interests, likes and dislikes, saved papers, the papers you were shown, the questions you asked, your searches, and what the bot remembers of your conversations and language-model use. It cannot be undone.",
            Color: ReplyEmbeds.ErrorColour);
        Component[] rows =
        [
            Component.ActionRow(
                Component.Button(ButtonStyle.Danger, "Delete everything", "forget:confirm"),
                Component.Button(ButtonStyle.Secondary, "Cancel", "forget:cancel")),
        ];
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, new MessageCreate(Embeds: [question], Components: rows), cancellationToken);
    }

    public async Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage), cancellationToken);
        var reply = parts is [_, "confirm"]
            ? commands.ForgetMe(interaction.InvokerId)
            : new CommandReply("Nothing was deleted.", []);
        await RecommendationReplies.EditAsync(rest, interaction, reply, cancellationToken);
    }
}
