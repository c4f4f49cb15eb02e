namespace Bot.Embeddings.Onnx;

/// <summary>Settings of the ONNX Runtime embedding model, bound from <c>Bot:Embeddings:Onnx</c>.</summary>
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

    /// <summary>Threads one inference may use; 0 lets ONNX Runtime use one per physical core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads for running independent graph branches at once; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>How many texts go through the model at once; each batch is padded to its longest text.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary><c>libonnxruntime.so.1</c>; unset uses the copy the build puts in <c>native/</c> beside the binaries.</summary>
    public string? LibraryPath { get; set; }
}
