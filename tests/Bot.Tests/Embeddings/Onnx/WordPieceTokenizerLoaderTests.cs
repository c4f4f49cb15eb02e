using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings.Onnx;

public sealed class WordPieceTokenizerLoaderTests : IDisposable
{
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nHello\n##s\n";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Load_VocabTxtOnly_UsesBertDefaults()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);

        var tokenizer = WordPieceTokenizerLoader.Load(folder.Path);

        Assert.Equal([2, 4, 6, 3], tokenizer.Encode("HELLOs").Select(t => t.Id));
        Assert.Equal(0, tokenizer.PaddingId);
        Assert.Equal(WordPieceTokenizerLoader.DefaultMaxLength, tokenizer.Settings.MaxLength);
    }

    [Fact]
    public void Load_TokenizerConfig_SetsCaseAndCapsHugeMaxLength()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);
        File.WriteAllText(folder.File("tokenizer_config.json"),
            """{"do_lower_case": false, "model_max_length": 1000000000000000019884624838656, "cls_token": {"content": "[CLS]"}}""");

        var tokenizer = WordPieceTokenizerLoader.Load(folder.Path);

        Assert.Equal(["[CLS]", "Hello", "[SEP]"], tokenizer.Encode("Hello").Select(t => t.Value));
        Assert.Equal(512, tokenizer.Settings.MaxLength);
    }

    [Fact]
    public void Load_SentenceBertConfig_WinsOverTokenizerLimit_AndOptionWinsOverBoth()
    {
        File.WriteAllText(folder.File("vocab.txt"), Vocab);
        File.WriteAllText(folder.File("tokenizer_config.json"), """{"model_max_length": 512}""");
        File.WriteAllText(folder.File("sentence_bert_config.json"), """{"max_seq_length": 128, "do_lower_case": false}""");

        Assert.Equal(128, WordPieceTokenizerLoader.Load(folder.Path).Settings.MaxLength);
        Assert.Equal(16, WordPieceTokenizerLoader.Load(folder.Path, maxTokens: 16).Settings.MaxLength);
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
                "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hello": 4, "##s": 5}
              }
            }
            """);

        var tokenizer = WordPieceTokenizerLoader.Load(folder.Path);

        // Lower-cased, and with strip_accents null the accent goes too.
        Assert.Equal([2, 4, 5, 3], tokenizer.Encode("HÉLLOs").Select(t => t.Id));
        Assert.Equal(64, tokenizer.Settings.MaxLength);
    }

    [Fact]
    public void Load_TokenizerJsonOfAnotherModel_IsNotSupported()
    {
        File.WriteAllText(folder.File("tokenizer.json"), """{"model": {"type": "BPE", "vocab": {}}}""");

        var error = Assert.Throws<NotSupportedException>(() => WordPieceTokenizerLoader.Load(folder.Path));

        Assert.Contains("BPE", error.Message);
    }

    [Fact]
    public void Load_NoVocabulary_ThrowsFileNotFound()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WordPieceTokenizerLoader.Load(folder.Path));

        Assert.Contains("neither tokenizer.json nor vocab.txt", error.Message);
    }
}
