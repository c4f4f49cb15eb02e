using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>
/// The embedding generator in use, if any, and the id paper vectors are stored under: the generator's
/// model id plus the pooling that made one vector per paper, so a change of either is a new model
/// whose vectors are computed afresh. Queries are embedded by the generator as they are.
/// </summary>
public sealed class ActiveEmbeddingModel(PaperVectorizer vectorizer, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
{
    public IEmbeddingGenerator<string, Embedding<float>>? Generator { get; } = generator;

    public bool IsConfigured => Generator is not null;

    /// <summary>The generator's own model id (what <c>embed</c> reports).</summary>
    public string? GeneratorModelId => Generator is null
        ? null
        : Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? Generator.GetType().Name;

    /// <summary>The id stored beside each paper vector.</summary>
    public string? ModelId => GeneratorModelId is { } id ? $"{id}/{vectorizer.Signature}" : null;

    public PaperVectorizer Vectorizer => vectorizer;

    /// <summary>The text a paper is embedded from when it is embedded whole: its title, then its abstract.</summary>
    public static string PaperText(string title, string abstractText) =>
        abstractText.Length == 0 ? title : title + ". " + abstractText;
}
