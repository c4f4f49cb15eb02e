namespace Bot.Discord.Payloads;

/// <summary>A channel (guild text, DM, thread...). <c>type</c> stays numeric so new channel types still parse.</summary>
public sealed record Channel(string Id, ChannelType Type, string? GuildId = null, string? Name = null);

/// <summary>The channel types the bot meets (Discord: Channel Types).</summary>
public enum ChannelType
{
    GuildText = 0,
    Dm = 1,
    GuildVoice = 2,
    GroupDm = 3,
    GuildCategory = 4,
    GuildAnnouncement = 5,
    AnnouncementThread = 10,
    PublicThread = 11,
    PrivateThread = 12,
    GuildStageVoice = 13,
    GuildForum = 15,
    GuildMedia = 16,
}
