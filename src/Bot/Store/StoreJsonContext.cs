using System.Text.Json.Serialization;
using Bot.Answers;

namespace Bot.Store;

/// <summary>JSON columns of the store (lists of cited papers).</summary>
[JsonSerializable(typeof(Citation[]))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
