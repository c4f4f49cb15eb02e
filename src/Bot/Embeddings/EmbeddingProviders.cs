using Bot.Embeddings.UseLite;
using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>The embedding providers configuration can name, and how each is built.</summary>
public static class EmbeddingProviders
{
    public const string None = "none";
    public const string UseLite = "use-lite";
    public const string Onnx = Bot.Embeddings.Onnx.OnnxEmbeddingOptions.ProviderName;

    public static readonly IReadOnlyList<string> Known = [UseLite, Onnx, None];

    /// <summary>The generator configuration asked for; null for <c>none</c>. Owned by the container.</summary>
    public sealed record Choice(IEmbeddingGenerator<string, Embedding<float>>? Generator) : IDisposable
    {
        public void Dispose() => Generator?.Dispose();
    }

    /// <summary>The built-in generator; ONNX registers its own in <c>AddOnnxEmbeddingGenerator</c>.</summary>
    public static Choice Create(EmbeddingOptions options) => options.Provider.ToLowerInvariant() switch
    {
        UseLite => new Choice(UseLiteEmbeddingGenerator.Load(options.UseLite.ResolvedModelPath, options.Threads)),
        _ => new Choice(null),
    };
}
