using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations;

namespace Bot.Discord.Modules;

/// <summary><c>/save paper</c>: puts a paper in the user's library; the option autocompletes titles as <c>/paper</c> does.</summary>
public sealed class SaveModule(RecommendationCommands commands, PaperModule titles, DiscordRestClient rest) : ISlashCommand, IAutocompleteHandler
{
    public string Name => "save";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var reply = commands.Feedback(interaction.InvokerId, interaction.GuildId, interaction.String("paper") ?? "", FeedbackKind.Save);
        await RecommendationReplies.EditAsync(rest, interaction, reply, cancellationToken);
    }

    public Task HandleAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken) =>
        titles.HandleAutocompleteAsync(interaction, cancellationToken);
}
