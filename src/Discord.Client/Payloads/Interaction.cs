using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Payloads;

/// <summary>
/// An interaction (slash command, button, select, autocomplete, modal). In a guild <c>member</c> is
/// set and <c>user</c> is not; in a DM it is the other way round. The token answers it for 15 minutes.
/// <c>channel</c> (API v10) is the partial channel it was used in, with its type.
/// </summary>
public sealed record Interaction(
    string Id,
    string ApplicationId,
    InteractionType Type,
    string Token,
    int Version,
    InteractionData? Data = null,
    string? GuildId = null,
    string? ChannelId = null,
    Member? Member = null,
    User? User = null,
    Message? Message = null,
    string? AppPermissions = null,
    string? Locale = null,
    Channel? Channel = null)
{
    /// <summary>Whoever acted, in a guild or in a DM. Derived, so not on the wire.</summary>
    [JsonIgnore]
    public User? Invoker => Member?.User ?? User;

    /// <summary>The invoker's id. The router refuses an interaction that names no user before any handler runs.</summary>
    [JsonIgnore]
    public string InvokerId => Invoker?.Id ?? throw new InvalidOperationException("An interaction without an invoker reached a handler.");
}

public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>
/// The data of every interaction type in one record: commands fill id/name/type/options/resolved,
/// components fill custom_id/component_type/values, modals fill custom_id/components.
/// </summary>
public sealed record InteractionData(
    string? Id = null,
    string? Name = null,
    ApplicationCommandType? Type = null,
    InteractionDataOption[]? Options = null,
    ResolvedData? Resolved = null,
    string? CustomId = null,
    ComponentType? ComponentType = null,
    string[]? Values = null,
    Component[]? Components = null,
    string? TargetId = null);

/// <summary>
/// One option the user filled in. <c>value</c> is a string, number or boolean depending on the option
/// type, so it stays a JSON element; subcommands carry nested <c>options</c> instead.
/// </summary>
public sealed record InteractionDataOption(
    string Name,
    ApplicationCommandOptionType Type,
    JsonElement? Value = null,
    InteractionDataOption[]? Options = null,
    bool? Focused = null);

/// <summary>Objects referenced by option values, keyed by id (attachment options resolve here).</summary>
public sealed record ResolvedData(
    Dictionary<string, Attachment>? Attachments = null,
    Dictionary<string, User>? Users = null);
