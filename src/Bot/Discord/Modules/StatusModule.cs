using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary><c>/status</c>: what the library holds and which search modes work.</summary>
public sealed class StatusModule(BotCommands commands, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "status";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(commands.Status())]), cancellationToken);
    }
}
