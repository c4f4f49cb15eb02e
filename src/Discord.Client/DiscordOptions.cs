using System.ComponentModel.DataAnnotations;

namespace Bot.Discord;

/// <summary>
/// Discord settings, bound from <c>Bot:Discord</c>. The token comes from the environment
/// (<c>Bot__Discord__Token</c>) or user secrets, never from a committed file, and never reaches a log.
/// With no token the bot keeps the local console.
/// </summary>
public sealed class DiscordOptions
{
    public const string Section = "Bot:Discord";

    /// <summary>The bot token (Developer Portal → Bot → Token). Empty: Discord is off.</summary>
    public string Token { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    /// <summary>REST base address; tests point it at a loopback fake.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Register commands to this guild only (instant, for development); empty registers them globally.</summary>
    public string GuildId { get; set; } = "";

    /// <summary>Ask for the privileged MESSAGE_CONTENT intent (enable it in the Developer Portal first).</summary>
    public bool MessageContentIntent { get; set; }

    /// <summary>This process's shard and the total shard count (Discord gateway sharding).</summary>
    [Range(0, 65535)]
    public int ShardId { get; set; }

    [Range(1, 65536)]
    public int ShardCount { get; set; } = 1;
}
