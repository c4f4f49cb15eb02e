using System.Globalization;
using System.Text.Json;
using Bot.Discord.Payloads;

namespace Bot.Discord.Interactions;

/// <summary>Reads the options a user filled in on a slash command.</summary>
public static class InteractionOptions
{
    public static string? String(this Interaction interaction, string name) =>
        Find(interaction, name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Integer(this Interaction interaction, string name) =>
        Find(interaction, name)?.Value is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>A string option of a subcommand.</summary>
    public static string? String(this InteractionDataOption subcommand, string name) =>
        subcommand.Options?.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The option the user is typing in, for autocomplete.</summary>
    public static InteractionDataOption? Focused(this Interaction interaction) =>
        interaction.Data?.Options?.FirstOrDefault(o => o.Focused == true);

    /// <summary>The attachment an attachment option points at.</summary>
    public static Attachment? Attachment(this Interaction interaction, string name) =>
        interaction.String(name) is { } id && interaction.Data?.Resolved?.Attachments?.TryGetValue(id, out var attachment) == true ? attachment : null;

    /// <summary>Whether the member acting may manage the server (or is an administrator).</summary>
    public static bool CanManageGuild(this Interaction interaction) =>
        Bits(interaction.Member?.Permissions) is { } permissions
        && (permissions & (ulong)(Commands.CommandCatalog.ManageGuild | Commands.CommandCatalog.Administrator)) != 0;

    /// <summary>
    /// Of the permissions named, those the bot lacks in the channel the command was used in, by Discord's
    /// <c>app_permissions</c> (an administrator lacks none); empty when the payload does not say.
    /// </summary>
    public static IReadOnlyList<string> BotLacks(this Interaction interaction, params (long Bit, string Name)[] needed) =>
        Bits(interaction.AppPermissions) is { } granted && (granted & (ulong)Commands.CommandCatalog.Administrator) == 0
            ? [.. needed.Where(n => (granted & (ulong)n.Bit) == 0).Select(n => n.Name)]
            : [];

    /// <summary>A permission bit set as Discord sends it (a decimal string); null when absent or malformed.</summary>
    private static ulong? Bits(string? permissions) =>
        ulong.TryParse(permissions, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : null;

    private static InteractionDataOption? Find(Interaction interaction, string name) =>
        interaction.Data?.Options?.FirstOrDefault(o => o.Name == name);
}
