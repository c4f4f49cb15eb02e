namespace Bot.Embeddings;

/// <summary>Settings of the embedding model, bound from <c>Bot:Embeddings</c>.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Bot:Embeddings";

    /// <summary>
    /// Which local model embeds papers and queries. <c>none</c> keeps search lexical (BM25);
    /// the local models (<c>use-lite</c>, <c>onnx</c>) plug in behind <c>IEmbeddingGenerator</c>.
    /// </summary>
    public string Provider { get; set; } = "none";

    /// <summary>How many texts go to the model in one call.</summary>
    public int BatchSize { get; set; } = 32;
}
