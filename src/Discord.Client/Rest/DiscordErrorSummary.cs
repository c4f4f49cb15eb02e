using System.Text.Json;

namespace Bot.Discord.Rest;

/// <summary>
/// Flattens Discord's nested <c>errors</c> object (Reference: Error Messages) into
/// <c>embeds.0.title: Must be 256 or fewer in length.</c>, joined by "; ".
/// </summary>
internal static class DiscordErrorSummary
{
    private const int MaxEntries = 10;

    public static string? Summarise(JsonElement? errors)
    {
        if (errors is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }
        var lines = new List<string>();
        Walk(root, "", lines);
        return lines.Count == 0 ? null : string.Join("; ", lines);
    }

    private static void Walk(JsonElement node, string path, List<string> lines)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (lines.Count >= MaxEntries)
            {
                return;
            }
            if (property.Name == "_errors" && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                {
                    var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                    lines.Add($"{(path.Length == 0 ? "(body)" : path)}: {message}");
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, lines);
            }
        }
    }
}
