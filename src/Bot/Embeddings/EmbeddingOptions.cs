using System.ComponentModel.DataAnnotations;

namespace Bot.Embeddings;

/// <summary>Settings of the embedding model, bound from <c>Bot:Embeddings</c>.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Bot:Embeddings";

    /// <summary>
    /// Which local model embeds papers and queries: <c>use-lite</c> (the embedded default, pure C#),
    /// <c>onnx</c> (a sentence-transformers ONNX export), or <c>none</c> (search stays BM25).
    /// </summary>
    public string Provider { get; set; } = "use-lite";

    /// <summary>How many texts go to the model in one call.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Threads a model may use for one batch; 0 means one per core.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    public UseLiteOptions UseLite { get; set; } = new();

    public PaperPoolingOptions Pooling { get; set; } = new();
}

/// <summary>Where the USE-lite files are, bound from <c>Bot:Embeddings:UseLite</c>.</summary>
public sealed class UseLiteOptions
{
    /// <summary>Folder with model.json, its shards and vocab.json; empty means the copy the build placed beside the binaries.</summary>
    public string ModelPath { get; set; } = "";

    public string ResolvedModelPath => string.IsNullOrWhiteSpace(ModelPath)
        ? Path.Combine(AppContext.BaseDirectory, "models", "use-lite")
        : ModelPath;
}

/// <summary>
/// How a paper, longer than the model's input window, becomes one vector (bound from
/// <c>Bot:Embeddings:Pooling</c>). See <see cref="PaperVectorizer"/>.
/// </summary>
public sealed class PaperPoolingOptions
{
    /// <summary><c>first</c>: title and abstract as one text, cut by the model; <c>windows</c>: overlapping abstract windows averaged, plus the title.</summary>
    [RegularExpression("^(first|windows)$", ErrorMessage = "Bot:Embeddings:Pooling:Strategy must be first or windows")]
    public string Strategy { get; set; } = "windows";

    /// <summary>Words of abstract per window (USE-lite reads 128 tokens, about 90 words).</summary>
    [Range(8, 2000)]
    public int WindowWords { get; set; } = 60;

    /// <summary>Words between the starts of consecutive windows.</summary>
    [Range(1, 2000)]
    public int StrideWords { get; set; } = 30;

    /// <summary>Weight of the title's own vector against the mean of the windows (0: the abstract alone).</summary>
    [Range(0.0, 10.0)]
    public double TitleWeight { get; set; }
}
