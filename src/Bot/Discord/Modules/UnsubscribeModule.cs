using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/unsubscribe [member]</c>: no more daily picks (interests and feedback stay; <c>/forget-me</c>
/// removes those). With <c>member</c>, a server manager stops another member's picks in the server's channels.
/// </summary>
public sealed class UnsubscribeModule(DailyCommands daily, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "unsubscribe";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var member = interaction.String("member");
        var reply = interaction.Invoker?.Id is not { } userId ? Bot.Commands.CommandReply.Error("Discord did not say who you are; please try again.")
            : member is null || member == userId ? daily.Unsubscribe(userId)
            : interaction.GuildId is { } guildId && interaction.CanManageGuild() ? daily.UnsubscribeMember(guildId, member)
            : Bot.Commands.CommandReply.Error("Only members with the Manage Server permission can stop someone else's daily picks, and only in their server.");
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }
}
