namespace Bot.Embeddings.Onnx;

/// <summary>One token: its vocabulary id, its vocabulary text, and the span of the original string it came from.</summary>
public readonly record struct WordPieceToken(int Id, string Value, Range Offset);

/// <summary>
/// How text is normalised and cut: BERT's BasicTokenizer and WordPiece, as a model's
/// <c>tokenizer.json</c> (BertNormalizer, WordPiece model) or <c>tokenizer_config.json</c> configures them.
/// </summary>
public sealed record WordPieceSettings
{
    public bool Lowercase { get; init; } = true;

    /// <summary>Strip accents (NFD, then drop non-spacing marks); null follows <see cref="Lowercase"/>, as in BERT.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Drop NUL, U+FFFD and control characters; whitespace of any kind separates words either way.</summary>
    public bool CleanText { get; init; } = true;

    /// <summary>Every CJK ideograph becomes a word of its own.</summary>
    public bool HandleChineseChars { get; init; } = true;

    public string UnknownToken { get; init; } = "[UNK]";
    public string ClassifierToken { get; init; } = "[CLS]";
    public string SeparatorToken { get; init; } = "[SEP]";
    public string PaddingToken { get; init; } = "[PAD]";
    public string ContinuingSubwordPrefix { get; init; } = "##";

    /// <summary>Longer words (in code points) become one unknown token without trying to split them.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Most tokens per text, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; init; } = 256;
}
