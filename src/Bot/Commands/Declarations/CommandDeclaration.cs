namespace Bot.Commands.Declarations;

/// <summary>What an option holds; each front end reads and shows it its own way (Discord's option types, the console's <c>name:value</c>).</summary>
public enum OptionKind
{
    Text,
    Integer,
    Boolean,
    Date,
    Attachment,
    Channel,
    User,
}

/// <summary>Where a command can be used.</summary>
[Flags]
public enum Surfaces
{
    Console = 1,
    Discord = 2,
    Both = Console | Discord,
}

/// <summary>A value an option accepts, with the name a user sees.</summary>
public sealed record OptionChoice(string Name, string Value);

/// <summary>
/// One option of a command. The command's <see cref="Primary"/> text option takes the console's free
/// words (<c>/search model merging</c>); the others are typed <c>name:value</c> there and are Discord options.
/// </summary>
public sealed record CommandOption(
    string Name,
    string Description,
    OptionKind Kind = OptionKind.Text,
    bool Required = false,
    long? Min = null,
    long? Max = null,
    int? MaxLength = null,
    string? Default = null,
    IReadOnlyList<OptionChoice>? Choices = null,
    bool Autocomplete = false,
    bool Primary = false,
    IReadOnlyList<int>? ChannelTypes = null,
    Surfaces Surfaces = Surfaces.Both);

/// <summary>
/// A command as users see it, declared once: its name, description, options (or subcommands, each with
/// options), where it can be used and who may use it. Discord's registered catalog, the console's parser
/// and help, and both front ends' dispatch are built from it. <see cref="PostsInChannel"/> replies are for
/// everyone in the channel (answers, papers, summaries); the others only the asker sees.
/// </summary>
public sealed record CommandDeclaration(
    string Name,
    string Description,
    IReadOnlyList<CommandOption>? Options = null,
    IReadOnlyList<CommandDeclaration>? Subcommands = null,
    Surfaces Surfaces = Surfaces.Both,
    bool ServerManagersOnly = false,
    string? Example = null,
    bool PostsInChannel = false)
{
    public IReadOnlyList<CommandOption> OptionList => Options ?? [];

    public IReadOnlyList<CommandDeclaration> SubcommandList => Subcommands ?? [];

    public CommandOption? Primary => OptionList.FirstOrDefault(o => o.Primary);

    public CommandOption? Option(string name) => OptionList.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public CommandDeclaration? Subcommand(string name) => SubcommandList.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
