using System.Text.Json.Serialization;

namespace Bot.Discord.Payloads;

/// <summary>
/// Source-generated serialization for every Discord payload: snake_case names, nulls omitted (Discord
/// treats an explicit null as "clear this field"), numbers for enums (Discord's wire form).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Guild))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(Member))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Message[]))]
[JsonSerializable(typeof(MessageCreate))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(ApplicationCommand))]
[JsonSerializable(typeof(ApplicationCommand[]))]
[JsonSerializable(typeof(MessageReactionAdd))]
[JsonSerializable(typeof(Ready))]
[JsonSerializable(typeof(GatewayBot))]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(CreateDm))]
[JsonSerializable(typeof(StartThread))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitedBody))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
