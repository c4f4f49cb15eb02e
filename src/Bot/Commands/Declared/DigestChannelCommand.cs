using Bot.Commands.Declarations;
using Bot.Recommendations.Daily;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/digest-channel set [channel] [time] [timezone]</c> and <c>/digest-channel clear</c>: a server's
/// community digest, posted in a thread a day. Discord only; its module first checks that the bot may post there.
/// </summary>
public sealed class DigestChannelCommand(DailyCommands daily) : IBotCommand
{
    /// <summary>Channel types (Channel resource): GUILD_TEXT and GUILD_ANNOUNCEMENT.</summary>
    public const int GuildText = 0;

    public const int GuildAnnouncement = 5;

    public CommandDeclaration Declaration { get; } = new("digest-channel", "The server's daily community digest (server managers only)", Subcommands:
    [
        new("set", "Post the community digest in a channel, in a thread a day",
        [
            // Text and announcement channels only: a voice channel, category or forum cannot hold the starter message.
            new("channel", "The channel (default: this one)", OptionKind.Channel, ChannelTypes: [GuildText, GuildAnnouncement]),
            new("time", "Local time, 24-hour HH:mm (default 08:00)", MaxLength: 5),
            new("timezone", "IANA time zone (default UTC)", MaxLength: 64),
        ]),
        new("clear", "Stop the community digest"),
    ], Surfaces: Surfaces.Discord, ServerManagersOnly: true);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Asker.GuildId is not { } guildId)
        {
            return Task.FromResult(CommandReply.Error("A community digest belongs to a server: use /digest-channel there."));
        }
        return Task.FromResult(request.Subcommand == "clear"
            ? daily.ClearCommunityDigest(guildId)
            : daily.SetCommunityDigest(guildId, request.Text("channel") ?? request.Asker.ConversationId, request.Asker.UserId, request.Text("time"), request.Text("timezone")));
    }
}
