namespace Bot.Embeddings.Onnx;

/// <summary>
/// A sentence-transformers model of your own (<c>Bot:Embeddings:Provider = onnx</c>), bound from
/// <c>Bot:Embeddings:Onnx</c>: its folder and what its model card says of pooling and prompts.
/// </summary>
public sealed class OnnxEmbeddingOptions
{
    public const string Section = "Bot:Embeddings:Onnx";

    /// <summary>The value of <c>Bot:Embeddings:Provider</c> that selects this model.</summary>
    public const string ProviderName = "onnx";

    /// <summary>
    /// The exported model's folder: <c>model.onnx</c> plus <c>tokenizer.json</c> or <c>vocab.txt</c>
    /// (and optionally <c>tokenizer_config.json</c>, <c>sentence_bert_config.json</c>). Its name becomes
    /// the model id, <c>onnx:&lt;folder name&gt;</c>.
    /// </summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Most tokens per text, [CLS] and [SEP] included; unset follows the folder's configuration (else 256), at most 512.</summary>
    public int? MaxTokens { get; set; }

    /// <summary><c>mean</c> (most sentence-transformers models) or <c>cls</c> (arctic-embed, BGE, GTE).</summary>
    public string Pooling { get; set; } = "mean";

    /// <summary>Text the model expects before a query (a search, a question, an interest), if any.</summary>
    public string QueryPrefix { get; set; } = "";

    /// <summary>Text the model expects before a document (a paper, a sentence of one), if any.</summary>
    public string DocumentPrefix { get; set; } = "";

    /// <summary>The weights' licence, shown by <c>status</c>.</summary>
    public string Licence { get; set; } = "";

    public ModelProfile Profile(string folder) => new(
        Id: "onnx:" + Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))),
        Folder: folder,
        Pooling: Pooling.Equals("cls", StringComparison.OrdinalIgnoreCase) ? TokenPooling.Cls : TokenPooling.Mean,
        MaxTokens: MaxTokens ?? 0,
        Dimensions: 0,
        QueryPrefix: QueryPrefix,
        DocumentPrefix: DocumentPrefix,
        Licence: Licence,
        Source: Path.GetFullPath(folder));
}
