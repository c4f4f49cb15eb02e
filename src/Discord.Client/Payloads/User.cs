namespace Bot.Discord.Payloads;

/// <summary>A Discord user. Ids are snowflakes, kept as the strings Discord sends (they overflow a JS number).</summary>
public sealed record User(
    string Id,
    string Username,
    string? Discriminator = null,
    string? GlobalName = null,
    string? Avatar = null,
    bool? Bot = null);
