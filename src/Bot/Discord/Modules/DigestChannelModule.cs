using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/digest-channel set [channel] [time] [timezone]</c> and <c>/digest-channel clear</c>: where the
/// server's daily community digest goes. Only members who may manage the server (checked here as well
/// as by Discord).
/// </summary>
public sealed class DigestChannelModule(DailyCommands daily, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "digest-channel";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.GuildId is not { } guildId || !interaction.CanManageGuild())
        {
            await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
                Respond.Ephemeral("Only members with the Manage Server permission can set the community digest channel."), cancellationToken);
            return;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var subcommand = interaction.Data?.Options?.FirstOrDefault();
        var reply = subcommand?.Name switch
        {
            "set" when (subcommand.String("channel") ?? interaction.ChannelId) is { } channelId =>
                daily.SetCommunityDigest(guildId, channelId, interaction.Invoker?.Id ?? "", subcommand.String("time"), subcommand.String("timezone")),
            "clear" => daily.ClearCommunityDigest(guildId),
            _ => CommandReply.Error("Use /digest-channel set [channel] [time] [timezone], or /digest-channel clear."),
        };
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }
}
