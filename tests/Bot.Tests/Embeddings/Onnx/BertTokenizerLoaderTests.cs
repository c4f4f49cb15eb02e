using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings.Onnx;

public sealed class BertTokenizerLoaderTests : IDisposable
{
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nHello\n##s\n[MASK]\n";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_VocabTxtOnly_UsesBertDefaults()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);

        var loaded = BertTokenizerLoader.Load(folder.Path);

        Assert.Equal([2, 4, 6, 3], loaded.Tokenizer.EncodeToIds("HELLOs"));
        Assert.Equal(0, loaded.Tokenizer.PaddingTokenId);
        Assert.Equal(BertTokenizerLoader.DefaultMaxLength, loaded.Settings.MaxLength);
    }

    [Fact]
    public void Load_TokenizerConfig_SetsCaseAndCapsHugeMaxLength()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);
        File.WriteAllText(folder.File("tokenizer_config.json"),
            """{"do_lower_case": false, "model_max_length": 1000000000000000019884624838656, "cls_token": {"content": "[CLS]"}}""");

        var loaded = BertTokenizerLoader.Load(folder.Path);

        Assert.Equal([2, 5, 3], loaded.Tokenizer.EncodeToIds("Hello"));
        Assert.Equal(512, loaded.Settings.MaxLength);
    }

    [Fact]
    public void Load_SentenceBertConfig_WinsOverTokenizerLimit_AndOptionWinsOverBoth()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);
        File.WriteAllText(folder.File("tokenizer_config.json"), """{"model_max_length": 512}""");
        File.WriteAllText(folder.File("sentence_bert_config.json"), """{"max_seq_length": 128, "do_lower_case": false}""");

        Assert.Equal(128, BertTokenizerLoader.Load(folder.Path).Settings.MaxLength);
        Assert.Equal(16, BertTokenizerLoader.Load(folder.Path, maxTokens: 16).Settings.MaxLength);
    }

    [Fact]
    public void Load_TokenizerJson_ReadsWordPieceModelAndBertNormalizer()
    {
        File.WriteAllText(folder.File("tokenizer.json"), """
            {
              "truncation": {"max_length": 64},
              "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
              "model": {
                "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100,
                "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hello": 4, "##s": 5, "[MASK]": 6}
              }
            }
            """);

        var loaded = BertTokenizerLoader.Load(folder.Path);

        // Lower-cased, and with strip_accents null the accent goes too.
        Assert.Equal([2, 4, 5, 3], loaded.Tokenizer.EncodeToIds("HÉLLOs"));
        Assert.Equal(64, loaded.Settings.MaxLength);
    }

    [Fact]
    public void Load_TokenizerJsonOfAnotherModel_IsNotSupported()
    {
        File.WriteAllText(folder.File("tokenizer.json"), """{"model": {"type": "BPE", "vocab": {}}}""");

        var error = Assert.Throws<NotSupportedException>(() => BertTokenizerLoader.Load(folder.Path));

        Assert.Contains("BPE", error.Message);
    }

    [Fact]
    public void Load_NoVocabulary_ThrowsFileNotFound()
    {
        var error = Assert.Throws<FileNotFoundException>(() => BertTokenizerLoader.Load(folder.Path));

        Assert.Contains("neither tokenizer.json nor vocab.txt", error.Message);
    }
}
