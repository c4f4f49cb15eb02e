namespace Bot.Discord.Payloads;

/// <summary>The MESSAGE_REACTION_ADD dispatch; <c>guild_id</c> and <c>member</c> are absent in DMs.</summary>
public sealed record MessageReactionAdd(
    string UserId,
    string ChannelId,
    string MessageId,
    Emoji Emoji,
    string? GuildId = null,
    Member? Member = null);

/// <summary>A custom emoji has an id; a Unicode emoji has only its name (the character itself).</summary>
public sealed record Emoji(string? Id, string? Name);
