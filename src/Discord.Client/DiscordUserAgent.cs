namespace Bot.Discord;

/// <summary>
/// How the bot names itself to Discord on every HTTP request and on the gateway's WebSocket handshake.
/// Discord asks for <c>DiscordBot ($url, $versionNumber)</c> (Reference: User Agent).
/// </summary>
public static class DiscordUserAgent
{
    public const string Value = "DiscordBot (https://github.com/research-digest-bot/bot, 1.0)";
}
