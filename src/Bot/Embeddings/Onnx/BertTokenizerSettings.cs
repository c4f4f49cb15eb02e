namespace Bot.Embeddings.Onnx;

/// <summary>
/// How a BERT model's text is normalised and cut, as its <c>tokenizer.json</c> (BertNormalizer,
/// WordPiece model) or <c>tokenizer_config.json</c> says.
/// </summary>
public sealed record BertTokenizerSettings
{
    public bool Lowercase { get; init; } = true;

    /// <summary>Strip accents (NFD, then drop non-spacing marks); null follows <see cref="Lowercase"/>, as in BERT.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Drop NUL, U+FFFD and control or format characters; whitespace of any kind separates words either way.</summary>
    public bool CleanText { get; init; } = true;

    /// <summary>Every CJK ideograph becomes a word of its own.</summary>
    public bool HandleChineseChars { get; init; } = true;

    public string UnknownToken { get; init; } = "[UNK]";
    public string ClassifierToken { get; init; } = "[CLS]";
    public string SeparatorToken { get; init; } = "[SEP]";
    public string PaddingToken { get; init; } = "[PAD]";
    public string MaskToken { get; init; } = "[MASK]";
    public string ContinuingSubwordPrefix { get; init; } = "##";

    /// <summary>Longer words become one unknown token without trying to split them.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Most tokens per text, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; init; } = 256;
}
