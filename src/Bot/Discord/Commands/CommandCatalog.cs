using System.Globalization;
using Bot.Commands.Declarations;
using Bot.Discord.Payloads;

namespace Bot.Discord.Commands;

/// <summary>
/// The slash commands the bot registers, written from the command declarations (<see cref="CommandSet"/>),
/// and the permission bits the Discord modules check.
/// </summary>
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

    /// <summary>The declared commands that Discord offers, in Discord's application-command shape (required options first, as Discord demands).</summary>
    public static IReadOnlyList<ApplicationCommand> For(CommandSet commands) =>
        [.. commands.On(Surfaces.Discord).Select(c => c.Declaration).Select(d => new ApplicationCommand(
            d.Name, d.Description, ApplicationCommandType.ChatInput,
            d.SubcommandList.Count > 0
                ? [.. d.SubcommandList.Select(s => new ApplicationCommandOption(ApplicationCommandOptionType.SubCommand, s.Name, s.Description, Options: Options(s)))]
                : Options(d),
            DefaultMemberPermissions: d.ServerManagersOnly ? ManageGuild.ToString(CultureInfo.InvariantCulture) : null,
            // Guild-only: a server's managers exist only in a server.
            Contexts: d.ServerManagersOnly ? [0] : null))];

    private static ApplicationCommandOption[]? Options(CommandDeclaration declaration)
    {
        var options = declaration.OptionList.Where(o => o.Surfaces.HasFlag(Surfaces.Discord)).OrderByDescending(o => o.Required).Select(Option).ToArray();
        return options.Length == 0 ? null : options;
    }

    private static ApplicationCommandOption Option(CommandOption option) => new(
        option.Kind switch
        {
            OptionKind.Integer => ApplicationCommandOptionType.Integer,
            OptionKind.Boolean => ApplicationCommandOptionType.Boolean,
            OptionKind.Attachment => ApplicationCommandOptionType.Attachment,
            OptionKind.Channel => ApplicationCommandOptionType.Channel,
            OptionKind.User => ApplicationCommandOptionType.User,
            _ => ApplicationCommandOptionType.String,
        },
        option.Name,
        option.Description,
        Required: option.Required ? true : null,
        Choices: option.Choices is { Count: > 0 } choices ? [.. choices.Select(c => ApplicationCommandOptionChoice.Of(c.Name, c.Value))] : null,
        MinValue: option.Min,
        MaxValue: option.Max,
        MaxLength: option.Kind is OptionKind.Text or OptionKind.Date ? option.MaxLength ?? (option.Kind == OptionKind.Date ? 10 : null) : null,
        Autocomplete: option.Autocomplete ? true : null,
        ChannelTypes: option.ChannelTypes is { Count: > 0 } types ? [.. types] : null);
}
