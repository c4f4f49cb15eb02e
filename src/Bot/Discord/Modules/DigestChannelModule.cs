using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/digest-channel set [channel] [time] [timezone]</c> and <c>/digest-channel clear</c>: where the
/// server's daily community digest goes. Only members who may manage the server (checked here as well
/// as by Discord). Without a channel option it is the channel the command was used in, which must be
/// a text or announcement channel like those the option offers (a voice channel's chat, a stage or a
/// thread cannot start a thread a day).
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
            "set" when subcommand.String("channel") is null && Unsuitable(interaction.Channel) is { } kind => CommandReply.Error(
                $"This is {kind}: the community digest needs a text or announcement channel, where it starts a thread a day. Use /digest-channel set in one, or pick one with the channel option."),
            // Discord tells the bot's permissions only for the channel the command was used in.
            "set" when subcommand.String("channel") is null && interaction.BotLacks(DigestNeeds) is { Count: > 0 } lacks => CommandReply.Error(
                $"I cannot start the community digest in this channel: I lack {string.Join(", ", lacks)} here. Grant them to me in this channel, then run /digest-channel set again."),
            "set" when (subcommand.String("channel") ?? interaction.ChannelId) is { } channelId =>
                daily.SetCommunityDigest(guildId, channelId, interaction.Invoker?.Id ?? "", subcommand.String("time"), subcommand.String("timezone")),
            "clear" => daily.ClearCommunityDigest(guildId),
            _ => CommandReply.Error("Use /digest-channel set [channel] [time] [timezone], or /digest-channel clear."),
        };
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }

    private static readonly (long, string)[] DigestNeeds =
    [
        Discord.Commands.CommandCatalog.ViewChannel, Discord.Commands.CommandCatalog.SendMessages, Discord.Commands.CommandCatalog.EmbedLinks,
        Discord.Commands.CommandCatalog.CreatePublicThreads, Discord.Commands.CommandCatalog.SendMessagesInThreads,
    ];

    /// <summary>
    /// What the channel is, in words, when it cannot hold the digest; null when it can, or when the
    /// payload has no <c>channel</c> (then Discord's refusal of the first post says so in the log).
    /// </summary>
    private static string? Unsuitable(Channel? channel) => channel?.Type switch
    {
        null or ChannelType.GuildText or ChannelType.GuildAnnouncement => null,
        ChannelType.GuildVoice => "a voice channel",
        ChannelType.GuildStageVoice => "a stage channel",
        ChannelType.GuildCategory => "a category",
        ChannelType.GuildForum or ChannelType.GuildMedia => "a forum channel",
        ChannelType.AnnouncementThread or ChannelType.PublicThread or ChannelType.PrivateThread => "a thread",
        ChannelType.Dm or ChannelType.GroupDm => "a direct message",
        _ => "a channel of a kind it cannot post in",
    };
}
