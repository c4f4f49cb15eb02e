namespace Bot.Discord.Payloads;

/// <summary>
/// A message as Discord sends it (REST responses and MESSAGE_CREATE). <c>content</c> is empty for
/// other people's messages unless the bot has the MESSAGE_CONTENT intent or is mentioned.
/// </summary>
public sealed record Message(
    string Id,
    string ChannelId,
    User Author,
    string Content,
    string? GuildId = null,
    User[]? Mentions = null,
    Attachment[]? Attachments = null,
    Embed[]? Embeds = null,
    Component[]? Components = null,
    MessageReference? MessageReference = null,
    Message? ReferencedMessage = null,
    DateTimeOffset? Timestamp = null);

/// <summary>Points at the message this one replies to (or that a thread started from).</summary>
public sealed record MessageReference(string? MessageId = null, string? ChannelId = null, string? GuildId = null, bool? FailIfNotExists = null);

/// <summary>Message flags the bot sets (Discord: Message Flags).</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,
    /// <summary>Only the user who invoked the interaction sees the message.</summary>
    Ephemeral = 1 << 6,
}
