using System.Text.Json;

namespace Bot.Discord.Payloads;

/// <summary>
/// A command as registered (bulk overwrite) and as listed. <c>default_member_permissions</c> is a
/// bitfield string; <c>contexts</c> (0 guild, 1 bot DM, 2 private channel) supersedes <c>dm_permission</c>.
/// </summary>
public sealed record ApplicationCommand(
    string Name,
    string Description,
    ApplicationCommandType? Type = null,
    ApplicationCommandOption[]? Options = null,
    string? DefaultMemberPermissions = null,
    bool? DmPermission = null,
    int[]? Contexts = null,
    string? Id = null,
    string? ApplicationId = null,
    string? GuildId = null,
    string? Version = null);

public enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}

/// <summary>
/// An option of a command. min/max value apply to integer and number options, min/max length to
/// strings; choices and autocomplete exclude each other.
/// </summary>
public sealed record ApplicationCommandOption(
    ApplicationCommandOptionType Type,
    string Name,
    string Description,
    bool? Required = null,
    ApplicationCommandOptionChoice[]? Choices = null,
    ApplicationCommandOption[]? Options = null,
    double? MinValue = null,
    double? MaxValue = null,
    int? MinLength = null,
    int? MaxLength = null,
    bool? Autocomplete = null,
    int[]? ChannelTypes = null);

/// <summary>A fixed choice, or an autocomplete suggestion; the value is a string or a number.</summary>
public sealed record ApplicationCommandOptionChoice(string Name, JsonElement Value)
{
    public static ApplicationCommandOptionChoice Of(string name, string value) => new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String));

    public static ApplicationCommandOptionChoice Of(string name, long value) => new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64));
}

public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}
