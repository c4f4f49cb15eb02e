using System.Text.Json.Serialization;

namespace Bot.Discord.Gateway;

/// <summary>Source-generated serialization for the gateway payloads; Discord's fields are snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(IdentifyData))]
[JsonSerializable(typeof(ResumeData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewayInfo))]
[JsonSerializable(typeof(int))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext
{
}
