namespace Bot.Discord.Gateway;

/// <summary>Gateway intent bits (Discord docs, Gateway → List of Intents).</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    DirectMessages = 1 << 12,
    DirectMessageReactions = 1 << 13,

    /// <summary>Privileged: Discord closes with 4014 unless it is enabled in the Developer Portal.</summary>
    MessageContent = 1 << 15,
}

public static class GatewayIntentsExtensions
{
    /// <summary>What the bot needs: guild and DM messages and reactions, message content only on request.</summary>
    public static GatewayIntents FromOptions(DiscordOptions options)
    {
        var intents = GatewayIntents.Guilds
            | GatewayIntents.GuildMessages
            | GatewayIntents.GuildMessageReactions
            | GatewayIntents.DirectMessages
            | GatewayIntents.DirectMessageReactions;
        return options.MessageContentIntent ? intents | GatewayIntents.MessageContent : intents;
    }
}
