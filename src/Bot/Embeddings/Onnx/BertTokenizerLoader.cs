using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Bot.Embeddings.Onnx;

/// <summary>A model's tokenizer and how many tokens the model reads ([CLS] and [SEP] included).</summary>
public sealed record LoadedTokenizer(BertTokenizer Tokenizer, BertTokenizerSettings Settings);

/// <summary>
/// Builds the WordPiece tokenizer of a model folder with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>,
/// from <c>tokenizer.json</c> (HF tokenizers, WordPiece model) when present, else <c>vocab.txt</c> with
/// <c>tokenizer_config.json</c>'s flags. Normalisation and word splitting are Hugging Face's own
/// (<see cref="BertNormalizer"/>, <see cref="BertPreTokenizer"/>): the library's basic tokenization differs.
/// </summary>
public static class BertTokenizerLoader
{
    /// <summary>BERT's position embeddings stop here; longer inputs would fail inside the graph.</summary>
    public const int MaxSupportedLength = 512;

    public const int DefaultMaxLength = 256;

    /// <param name="folder">The model folder.</param>
    /// <param name="maxTokens">Overrides the length the folder's configuration gives, if set.</param>
    public static LoadedTokenizer Load(string folder, int? maxTokens = null)
    {
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        var vocabTxt = Path.Combine(folder, "vocab.txt");
        using var config = ReadJson(Path.Combine(folder, "tokenizer_config.json"));
        using var sentenceBert = ReadJson(Path.Combine(folder, "sentence_bert_config.json"));
        var settings = FromTokenizerConfig(config?.RootElement);

        // sentence-transformers truncates at max_seq_length, which is usually below the tokenizer's own limit.
        var configured = maxTokens
            ?? Int(sentenceBert?.RootElement, "max_seq_length")
            ?? Int(config?.RootElement, "model_max_length");
        if (File.Exists(tokenizerJson))
        {
            using var document = ReadJson(tokenizerJson)!;
            var root = document.RootElement;
            var model = root.GetProperty("model");
            if (Str(model, "type") is { } type && type != "WordPiece")
            {
                throw new NotSupportedException($"{tokenizerJson} holds a {type} tokenizer; only WordPiece (BERT) models are supported.");
            }
            settings = FromNormalizer(settings, root.TryGetProperty("normalizer", out var n) ? n : default) with
            {
                UnknownToken = Str(model, "unk_token") ?? settings.UnknownToken,
                ContinuingSubwordPrefix = Str(model, "continuing_subword_prefix") ?? settings.ContinuingSubwordPrefix,
                MaxInputCharsPerWord = (int?)Int(model, "max_input_chars_per_word") ?? settings.MaxInputCharsPerWord,
                MaxLength = Length(configured ?? (root.TryGetProperty("truncation", out var t) ? Int(t, "max_length") : null)),
            };
            // BertTokenizer reads vocab.txt's form: one token a line, the line number its id.
            var tokens = model.GetProperty("vocab").EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name);
            using var vocabulary = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', tokens) + "\n"));
            return Create(vocabulary, settings);
        }
        if (File.Exists(vocabTxt))
        {
            using var vocabulary = File.OpenRead(vocabTxt);
            return Create(vocabulary, settings with { MaxLength = Length(configured) });
        }
        throw new FileNotFoundException($"The model folder {folder} has neither tokenizer.json nor vocab.txt.", vocabTxt);
    }

    public static LoadedTokenizer Create(Stream vocabulary, BertTokenizerSettings settings)
    {
        var options = new BertOptions
        {
            ApplyBasicTokenization = false,
            LowerCaseBeforeTokenization = false,
            Normalizer = new BertNormalizer(settings),
            PreTokenizer = new BertPreTokenizer(settings.HandleChineseChars),
            UnknownToken = settings.UnknownToken,
            ClassificationToken = settings.ClassifierToken,
            SeparatorToken = settings.SeparatorToken,
            PaddingToken = settings.PaddingToken,
            MaskingToken = settings.MaskToken,
            ContinuingSubwordPrefix = settings.ContinuingSubwordPrefix,
            MaxInputCharsPerWord = settings.MaxInputCharsPerWord,
        };
        try
        {
            return new LoadedTokenizer(BertTokenizer.Create(vocabulary, options), settings);
        }
        catch (ArgumentException exception)
        {
            // Such as a vocabulary without one of BERT's special tokens.
            throw new InvalidDataException($"The model's vocabulary cannot serve a BERT tokenizer: {exception.Message}", exception);
        }
    }

    // HF writes a huge sentinel (1e30) for "no limit": anything past BERT's 512 positions is capped.
    private static int Length(long? configured) => (int)Math.Clamp(configured ?? DefaultMaxLength, 2, MaxSupportedLength);

    private static BertTokenizerSettings FromTokenizerConfig(JsonElement? config)
    {
        var defaults = new BertTokenizerSettings();
        if (config is not { } c)
        {
            return defaults;
        }
        return defaults with
        {
            Lowercase = Bool(c, "do_lower_case") ?? defaults.Lowercase,
            StripAccents = Bool(c, "strip_accents"),
            HandleChineseChars = Bool(c, "tokenize_chinese_chars") ?? defaults.HandleChineseChars,
            UnknownToken = Token(c, "unk_token") ?? defaults.UnknownToken,
            ClassifierToken = Token(c, "cls_token") ?? defaults.ClassifierToken,
            SeparatorToken = Token(c, "sep_token") ?? defaults.SeparatorToken,
            PaddingToken = Token(c, "pad_token") ?? defaults.PaddingToken,
            MaskToken = Token(c, "mask_token") ?? defaults.MaskToken,
        };
    }

    // tokenizer.json's normalizer is a BertNormalizer, possibly inside a Sequence.
    private static BertTokenizerSettings FromNormalizer(BertTokenizerSettings settings, JsonElement normalizer)
    {
        if (normalizer.ValueKind != JsonValueKind.Object)
        {
            return settings;
        }
        if (Str(normalizer, "type") == "Sequence" && normalizer.TryGetProperty("normalizers", out var parts))
        {
            return parts.EnumerateArray().Aggregate(settings, FromNormalizer);
        }
        if (Str(normalizer, "type") != "BertNormalizer")
        {
            return settings;
        }
        return settings with
        {
            Lowercase = Bool(normalizer, "lowercase") ?? settings.Lowercase,
            StripAccents = Bool(normalizer, "strip_accents"),
            CleanText = Bool(normalizer, "clean_text") ?? settings.CleanText,
            HandleChineseChars = Bool(normalizer, "handle_chinese_chars") ?? settings.HandleChineseChars,
        };
    }

    private static JsonDocument? ReadJson(string path) =>
        File.Exists(path) ? JsonDocument.Parse(File.ReadAllBytes(path)) : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static long? Int(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? (v.TryGetInt64(out var l) ? l : long.MaxValue)
            : null;

    // Newer tokenizer_config.json files write special tokens as {"content": "[CLS]", ...}.
    private static string? Token(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.ValueKind == JsonValueKind.Object ? Str(v, "content")
        : null;
}
