using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>
/// The embedding generator in use, if any, and the id its vectors are stored under. Search and ingest
/// ask this instead of the container so "no model configured" is one explicit state.
/// </summary>
public sealed class ActiveEmbeddingModel(IEmbeddingGenerator<string, Embedding<float>>? generator = null)
{
    public IEmbeddingGenerator<string, Embedding<float>>? Generator { get; } = generator;

    public bool IsConfigured => Generator is not null;

    public string? ModelId => Generator is null
        ? null
        : Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? Generator.GetType().Name;

    /// <summary>The text a paper is embedded from: its title, then its abstract.</summary>
    public static string PaperText(string title, string abstractText) =>
        abstractText.Length == 0 ? title : title + ". " + abstractText;
}
