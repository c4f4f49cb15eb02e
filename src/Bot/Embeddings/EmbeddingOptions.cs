using System.ComponentModel.DataAnnotations;

namespace Bot.Embeddings;

/// <summary>Settings of the embedding model, bound from <c>Bot:Embeddings</c>.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Bot:Embeddings";

    /// <summary>
    /// Which local model embeds papers and queries: a packaged model (<c>minilm</c>, the default;
    /// <c>arctic-xs</c>), both at once (<c>minilm+arctic-xs</c>), <c>onnx</c> (any sentence-transformers
    /// ONNX export, see <see cref="Onnx"/>), or <c>none</c> (search stays BM25).
    /// </summary>
    public string Provider { get; set; } = PackagedModels.MiniLmName;

    /// <summary>How many papers are embedded and written to the store at a time.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// How many texts go through the model in one inference; each is padded to the longest (texts are
    /// sorted by length first). On two cores 1 and 4 embed the sample papers about a quarter faster
    /// than 16 (docs/benchmarks.md): larger batches buy nothing on a CPU but padding and cache misses.
    /// </summary>
    [Range(1, 1024)]
    public int ModelBatchSize { get; set; } = 4;

    /// <summary>Threads one inference may use (ONNX Runtime's intra-op threads); 0 means one per core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    public Onnx.OnnxEmbeddingOptions Onnx { get; set; } = new();

    public PaperPoolingOptions Pooling { get; set; } = new();
}

/// <summary>
/// How a paper longer than the model reads becomes one vector (bound from <c>Bot:Embeddings:Pooling</c>).
/// See <see cref="PaperVectorizer"/>.
/// </summary>
public sealed class PaperPoolingOptions
{
    /// <summary>
    /// <c>windows</c>: title and abstract in consecutive windows of the model's length, their vectors
    /// averaged; <c>first</c>: title and abstract as one text, cut where the model stops reading.
    /// </summary>
    [RegularExpression("^(first|windows)$", ErrorMessage = "Bot:Embeddings:Pooling:Strategy must be first or windows")]
    public string Strategy { get; set; } = "windows";

    /// <summary>Tokens each window repeats from the end of the one before, so no sentence is only ever seen cut.</summary>
    [Range(0, 256)]
    public int OverlapTokens { get; set; } = 32;
}
