using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Tests.Embeddings;

/// <summary>
/// embedding-reference.json: token ids from Hugging Face's tokenizer and pooled vectors from ONNX
/// Runtime for Node, for each packaged model, computed by tools/embedding-reference (no code shared with the bot).
/// </summary>
internal sealed record EmbeddingReference([property: JsonPropertyName("models")] IReadOnlyList<EmbeddingReference.ModelCases> Models)
{
    public sealed record ModelCases(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("max_tokens")] int MaxTokens,
        [property: JsonPropertyName("pooling")] string Pooling,
        [property: JsonPropertyName("query_prefix")] string QueryPrefix,
        [property: JsonPropertyName("cases")] IReadOnlyList<Case> Cases)
    {
        public Case Case(string name, string role) => Cases.Single(c => c.Name == name && c.Role == role);
    }

    public sealed record Case(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("ids")] int[] Ids,
        [property: JsonPropertyName("embedding")] float[] Embedding)
    {
        public override string ToString() => $"{Name} ({Role})";
    }

    public ModelCases Model(string id) => Models.Single(m => m.Model == id);

    public static EmbeddingReference Load() =>
        JsonSerializer.Deserialize<EmbeddingReference>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Embeddings", "embedding-reference.json")))!;
}
