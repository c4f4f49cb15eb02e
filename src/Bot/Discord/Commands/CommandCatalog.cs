using Bot.Discord.Payloads;

namespace Bot.Discord.Commands;

/// <summary>The slash commands the bot registers, in Discord's application-command shape.</summary>
public static class CommandCatalog
{
    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5): only members who may manage the server see and use <c>/ingest</c>.</summary>
    public const long ManageGuild = 1L << 5;

    /// <summary>ADMINISTRATOR (1 &lt;&lt; 3) implies every permission.</summary>
    public const long Administrator = 1L << 3;

    // What the bot needs in a channel to post daily papers there (Discord's permission bits).
    public static readonly (long Bit, string Name) ViewChannel = (1L << 10, "View Channel");
    public static readonly (long Bit, string Name) SendMessages = (1L << 11, "Send Messages");
    public static readonly (long Bit, string Name) EmbedLinks = (1L << 14, "Embed Links");
    public static readonly (long Bit, string Name) CreatePublicThreads = (1L << 35, "Create Public Threads");
    public static readonly (long Bit, string Name) SendMessagesInThreads = (1L << 38, "Send Messages in Threads");

    /// <summary>Channel types (Channel resource): GUILD_TEXT and GUILD_ANNOUNCEMENT.</summary>
    public const int GuildText = 0;

    public const int GuildAnnouncement = 5;

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new("search", "Search the indexed papers", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "query", "What you are looking for", Required: true, MaxLength: 300),
            new(ApplicationCommandOptionType.Integer, "limit", "How many results in all (1-25, default 10)", MinValue: 1, MaxValue: 25),
            new(ApplicationCommandOptionType.String, "since", "Only papers listed on or after this date (YYYY-MM-DD)", MaxLength: 10),
        ]),
        new("ask", "Ask a question; the answer cites the indexed papers", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "question", "Your question about the papers", Required: true, MaxLength: 500),
        ]),
        new("paper", "Show one paper: abstract, links and the digests it appeared in", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "title", "The paper's title (pick from the suggestions) or id", Required: true, Autocomplete: true, MaxLength: 300),
        ]),
        new("summarize", "Summarise a paper or a whole digest", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.SubCommand, "paper", "The key sentences of one paper's abstract",
                Options: [new(ApplicationCommandOptionType.String, "title", "The paper's title or id", Required: true, MaxLength: 300)]),
            new(ApplicationCommandOptionType.SubCommand, "digest", "A digest's papers grouped into themes",
                Options: [new(ApplicationCommandOptionType.String, "digest", "Digest id or file name (default: the newest)", MaxLength: 100)]),
        ]),
        new("status", "What the bot holds and which search modes work", ApplicationCommandType.ChatInput),
        new("recommend", "Papers picked for you from what you follow and liked", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.Integer, "count", "How many picks (1-10, default 5)", MinValue: 1, MaxValue: 10),
        ]),
        new("follow", "Follow a research interest; your picks are ranked by it", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "topic", "A sentence or a few keywords, e.g. merging fine-tuned models", Required: true, MaxLength: 200),
        ]),
        new("unfollow", "Stop following an interest", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "interest", "One of your interests (pick from the suggestions)", Required: true, Autocomplete: true, MaxLength: 200),
        ]),
        new("interests", "List what you follow, with buttons to remove", ApplicationCommandType.ChatInput),
        new("save", "Save a paper to your library", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "paper", "The paper's title (pick from the suggestions) or id", Required: true, Autocomplete: true, MaxLength: 300),
        ]),
        new("library", "The papers you saved", ApplicationCommandType.ChatInput),
        new("forget-me", "Delete everything the bot stores about you", ApplicationCommandType.ChatInput),
        new("ingest", "Add a digest file to the library (server managers only)", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.Attachment, "file", "A Daily Papers digest as text or HTML", Required: true),
        ],
        DefaultMemberPermissions: ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Contexts: [0]),
        new("subscribe", "Get your daily paper picks by DM or in this channel, at your local time", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.String, "delivery", "Where the picks go (default: dm)",
                Choices: [ApplicationCommandOptionChoice.Of("direct message", "dm"), ApplicationCommandOptionChoice.Of("this channel", "channel")]),
            new(ApplicationCommandOptionType.String, "time", "Local time, 24-hour HH:mm (default 08:00)", MaxLength: 5),
            new(ApplicationCommandOptionType.String, "timezone", "IANA time zone, e.g. Europe/Berlin or America/New_York (default UTC)", MaxLength: 64),
            new(ApplicationCommandOptionType.Integer, "count", "How many papers a day (1-10, default 5)", MinValue: 1, MaxValue: 10),
            new(ApplicationCommandOptionType.Boolean, "notify-empty", "Say \"nothing new today\" on days without new papers"),
        ]),
        new("unsubscribe", "Stop your daily paper picks", ApplicationCommandType.ChatInput,
        [
            // A server's managers can stop a member's picks that post in the server's channels (say, after they left).
            new(ApplicationCommandOptionType.User, "member", "Server managers: stop this member's daily picks in this server's channels"),
        ]),
        new("digest-channel", "The server's daily community digest (server managers only)", ApplicationCommandType.ChatInput,
        [
            new(ApplicationCommandOptionType.SubCommand, "set", "Post the community digest in a channel, in a thread a day",
                Options:
                [
                    // Text and announcement channels only: a voice channel, category or forum cannot hold the starter message.
                    new(ApplicationCommandOptionType.Channel, "channel", "The channel (default: this one)", ChannelTypes: [GuildText, GuildAnnouncement]),
                    new(ApplicationCommandOptionType.String, "time", "Local time, 24-hour HH:mm (default 08:00)", MaxLength: 5),
                    new(ApplicationCommandOptionType.String, "timezone", "IANA time zone (default UTC)", MaxLength: 64),
                ]),
            new(ApplicationCommandOptionType.SubCommand, "clear", "Stop the community digest"),
        ],
        DefaultMemberPermissions: ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Contexts: [0]),
    ];
}
