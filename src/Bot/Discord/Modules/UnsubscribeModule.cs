using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Modules;

/// <summary><c>/unsubscribe</c>: no more daily picks (interests and feedback stay; <c>/forget-me</c> removes those).</summary>
public sealed class UnsubscribeModule(DailyCommands daily, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "unsubscribe";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var reply = interaction.Invoker?.Id is { } userId
            ? daily.Unsubscribe(userId)
            : Bot.Commands.CommandReply.Error("Discord did not say who you are; please try again.");
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }
}
