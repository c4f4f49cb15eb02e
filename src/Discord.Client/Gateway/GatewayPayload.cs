using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Discord.Gateway;

/// <summary>
/// The envelope of every gateway message (Gateway docs, "Gateway Events" → payload structure):
/// opcode, data, and for dispatches (op 0) the sequence number and event name.
/// <c>d</c> stays raw so each layer deserializes the events it cares about with its own records.
/// </summary>
public sealed record GatewayPayload(
    int Op,
    JsonElement? D,
    // Only dispatches carry these; leaving them out of what we send keeps our frames minimal.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? S,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? T);
