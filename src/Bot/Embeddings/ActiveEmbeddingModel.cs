using Bot.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>
/// The embedding generator in use, if any, and the id paper vectors are stored under: the generator's
/// model id plus the pooling that made one vector per paper, so a change of either is a new model
/// whose vectors are computed afresh. Papers and sentences are embedded as documents, searches,
/// questions and interests as queries (<see cref="EmbeddingRoles"/>).
/// </summary>
public sealed class ActiveEmbeddingModel(PaperVectorizer vectorizer, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
{
    /// <summary>The generator, for documents: papers, windows of papers, sentences of abstracts.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? Generator { get; } = generator;

    public bool IsConfigured => Generator is not null;

    /// <summary>The generator's own model id (what <c>embed</c> reports).</summary>
    public string? GeneratorModelId => Generator is null
        ? null
        : Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? Generator.GetType().Name;

    /// <summary>The model's pooling, prompts, token limit and licence, when it says (the ONNX models do).</summary>
    public ModelProfile? Profile => Generator?.GetService<ModelProfile>();

    /// <summary>The encoder whose tokenizer and token limit cut papers into windows; null when the generator has none.</summary>
    public OnnxSentenceEncoder? WindowEncoder => Generator?.GetService<OnnxSentenceEncoder>();

    /// <summary>The id stored beside each paper vector.</summary>
    public string? ModelId => GeneratorModelId is { } id ? $"{id}/{vectorizer.Signature}" : null;

    public PaperVectorizer Vectorizer => vectorizer;

    /// <summary>The texts a paper is embedded from (see <see cref="PaperVectorizer"/>).</summary>
    public IReadOnlyList<PaperWindow> PaperTexts(string title, string abstractText) => vectorizer.Texts(title, abstractText, WindowEncoder);

    /// <summary>Query vectors (with the model's query prompt) in the order of <paramref name="texts"/>.</summary>
    public async Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var generator = Generator ?? throw new InvalidOperationException("No embedding model is configured.");
        var embeddings = await generator.GenerateAsync(texts, EmbeddingRoles.ForQueries(), cancellationToken);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    public async Task<float[]> EmbedQueryAsync(string text, CancellationToken cancellationToken = default) =>
        (await EmbedQueriesAsync([text], cancellationToken))[0];

    /// <summary>Document vectors (papers' windows, sentences) in the order of <paramref name="texts"/>.</summary>
    public async Task<float[][]> EmbedDocumentsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var generator = Generator ?? throw new InvalidOperationException("No embedding model is configured.");
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }

    /// <summary>The text a paper is embedded from when it is embedded whole: its title, then its abstract.</summary>
    public static string PaperText(string title, string abstractText) =>
        abstractText.Length == 0 ? title : title + ". " + abstractText;
}
