using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings.Onnx;

public sealed class WordPieceTokenizerTests
{
    // The vocabulary of BERT's own tokenization_test.py, then a few words of ours.
    private static readonly string[] Vocabulary =
    [
        "[UNK]", "[CLS]", "[SEP]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",",
        "[PAD]", "##aff", "##able", "hello", "world", "!", "?", "how", "are", "you", "你", "好", "ah", "博", "推", "zz",
        "$", "`", "a", "b", "c", "𠀀", "Hello",
    ];

    private static WordPieceTokenizer Tokenizer(WordPieceSettings? settings = null) =>
        new(Vocabulary.Select((token, id) => (token, id)).ToDictionary(p => p.token, p => p.id), settings ?? new WordPieceSettings());

    private static string[] Pieces(WordPieceTokenizer tokenizer, string text) =>
        tokenizer.Encode(text).Select(t => t.Value).ToArray()[1..^1];

    [Fact]
    public void Encode_BertReferenceCase_MatchesReferenceIds()
    {
        // BERT's test_full_tokenizer: "UNwant\u00E9d,running" -> un ##want ##ed , runn ##ing = [7, 4, 5, 10, 8, 9].
        var ids = Tokenizer().Encode("UNwant\u00E9d,running").Select(t => t.Id);

        Assert.Equal([1, 7, 4, 5, 10, 8, 9, 2], ids);
    }

    [Fact]
    public void Encode_Unaffable_SplitsIntoContinuationPieces() =>
        Assert.Equal(["un", "##aff", "##able"], Pieces(Tokenizer(), "unaffable"));

    [Fact]
    public void Encode_HelloWorld_LowercasesAndSplitsPunctuation() =>
        Assert.Equal(["hello", ",", "world", "!"], Pieces(Tokenizer(), "Hello, World!"));

    [Fact]
    public void Encode_WhitespaceAndControls_SplitAndDrop() =>
        // BERT's test_basic_tokenizer_lower, with a control character (U+0005) that clean_text drops.
        Assert.Equal(["hello", "!", "how", "are", "you", "?"], Pieces(Tokenizer(), " \tHeLLo!how  \n Are yo\u0005U?  "));

    [Fact]
    public void Encode_NoLowercase_KeepsCase() =>
        Assert.Equal(["Hello", "[UNK]", "!"], Pieces(Tokenizer(new WordPieceSettings { Lowercase = false }), "Hello HOW!"));

    [Theory]
    [InlineData("H\u00E9llo")]
    [InlineData("He\u0301llo")]
    public void Encode_Accents_StrippedWhenLowercasing(string text) =>
        Assert.Equal(["hello"], Pieces(Tokenizer(), text));

    [Fact]
    public void Encode_StripAccentsOff_KeepsAccentedWordUnknown() =>
        Assert.Equal(["[UNK]"], Pieces(Tokenizer(new WordPieceSettings { StripAccents = false }), "Héllo"));

    [Fact]
    public void Encode_Chinese_SplitsEveryIdeograph()
    {
        Assert.Equal(["你", "好"], Pieces(Tokenizer(), "你好"));
        // BERT's test_chinese, and an ideograph outside the BMP.
        Assert.Equal(["ah", "博", "推", "zz", "𠀀"], Pieces(Tokenizer(), "ah\u535A\u63A8zz𠀀"));
    }

    [Fact]
    public void Encode_AsciiSymbols_CountAsPunctuation() =>
        // '$' and '`' are Unicode symbols (Sc, Sk) but BERT treats all non-alphanumeric ASCII as punctuation.
        Assert.Equal(["a", "$", "b", "`", "c"], Pieces(Tokenizer(), "a$b`c"));

    [Fact]
    public void Encode_UnsplittableWord_IsOneUnknown()
    {
        // BERT's test_wordpiece_tokenizer: "unwantedX running" -> [UNK] runn ##ing.
        var tokens = Tokenizer().Encode("unwantedX running");

        Assert.Equal(["[CLS]", "[UNK]", "runn", "##ing", "[SEP]"], tokens.Select(t => t.Value));
        Assert.Equal(0, tokens[1].Id);
        Assert.Equal(new Range(0, 9), tokens[1].Offset);
    }

    [Fact]
    public void Encode_WordOverMaxChars_IsUnknownWithoutSplitting() =>
        Assert.Equal(["[UNK]", "un"], Pieces(Tokenizer(new WordPieceSettings { MaxInputCharsPerWord = 5 }), "unwanted un"));

    [Fact]
    public void Encode_Emoji_UnknownCoversSurrogatePair()
    {
        var token = Tokenizer().Encode("a 😀")[2];

        Assert.Equal("[UNK]", token.Value);
        Assert.Equal(new Range(2, 4), token.Offset);
    }

    [Fact]
    public void Encode_OverMaxLength_TruncatesAndKeepsSeparatorLast()
    {
        var tokens = Tokenizer(new WordPieceSettings { MaxLength = 5 }).Encode("unaffable hello world");

        Assert.Equal(["[CLS]", "un", "##aff", "##able", "[SEP]"], tokens.Select(t => t.Value));
    }

    [Fact]
    public void Encode_EmptyText_IsClassifierAndSeparator() =>
        Assert.Equal([1, 2], Tokenizer().Encode("").Select(t => t.Id));

    [Fact]
    public void Encode_Offsets_PointIntoOriginalText()
    {
        const string text = "  Héllo, unaffable 你!";

        var tokens = Tokenizer().Encode(text);

        Assert.Equal(
            [("[CLS]", ""), ("hello", "Héllo"), (",", ","), ("un", "un"), ("##aff", "aff"), ("##able", "able"), ("你", "你"), ("!", "!"), ("[SEP]", "")],
            tokens.Select(t => (t.Value, text[t.Offset])));
    }

    [Fact]
    public void Encode_CombiningAccent_OffsetIncludesTheMark()
    {
        var token = Tokenizer().Encode("He\u0301llo")[1];

        Assert.Equal(new Range(0, 6), token.Offset);
    }

    [Fact]
    public void Constructor_VocabularyWithoutSpecialTokens_Throws() =>
        Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(new Dictionary<string, int> { ["a"] = 0 }, new WordPieceSettings()));
}
