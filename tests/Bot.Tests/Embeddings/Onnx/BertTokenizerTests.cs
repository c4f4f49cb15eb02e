using System.Text;
using Bot.Embeddings.Onnx;
using Microsoft.ML.Tokenizers;

namespace Bot.Tests.Embeddings.Onnx;

/// <summary>
/// Microsoft.ML.Tokenizers' BertTokenizer with Hugging Face's normalisation and word splitting
/// (<see cref="BertNormalizer"/>, <see cref="BertPreTokenizer"/>), on the cases of BERT's own
/// tokenization_test.py over a tiny vocabulary. The real models' ids are checked against Hugging
/// Face's tokenizer in <c>EmbeddingReferenceTests</c>.
/// </summary>
public sealed class BertTokenizerTests
{
    // The vocabulary of BERT's own tokenization_test.py, then a few words of ours.
    private static readonly string[] Vocabulary =
    [
        "[UNK]", "[CLS]", "[SEP]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",",
        "[PAD]", "##aff", "##able", "hello", "world", "!", "?", "how", "are", "you", "你", "好", "ah", "博", "推", "zz",
        "$", "`", "a", "b", "c", "𠀀", "Hello", "[MASK]", "+", "_", "<", ">", "one", "line", "##line", "x", "×", "##×",
    ];

    private static BertTokenizer Tokenizer(BertTokenizerSettings? settings = null)
    {
        using var vocabulary = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary) + "\n"));
        return BertTokenizerLoader.Create(vocabulary, settings ?? new BertTokenizerSettings()).Tokenizer;
    }

    private static string[] Pieces(BertTokenizer tokenizer, string text) =>
        [.. tokenizer.EncodeToIds(text, addSpecialTokens: false).Select(id => Vocabulary[id])];

    [Fact]
    public void Encode_BertReferenceCase_MatchesReferenceIds() =>
        // BERT's test_full_tokenizer: "UNwant\u00E9d,running" -> un ##want ##ed , runn ##ing = [7, 4, 5, 10, 8, 9].
        Assert.Equal([1, 7, 4, 5, 10, 8, 9, 2], Tokenizer().EncodeToIds("UNwant\u00E9d,running"));

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

    [Theory]
    [InlineData("one\nline")]
    [InlineData("one\r\nline")]
    [InlineData("one\tline")]
    [InlineData("one\u00A0line")]
    public void Encode_LineBreaksAndTabs_SeparateWords(string text) =>
        // The library's own basic tokenization deletes them and glues the words ("one ##line").
        Assert.Equal(["one", "line"], Pieces(Tokenizer(), text));

    [Fact]
    public void Encode_AsciiSymbols_AreWordsOfTheirOwn() =>
        // '$', '`', '+', '<', '>' are Unicode symbols, not punctuation, but BERT counts all ASCII symbols
        // as punctuation; the library's own splitting drops them.
        Assert.Equal(["a", "$", "b", "`", "c", "+", "x", "<", "a", ">", "b", "_", "c"], Pieces(Tokenizer(), "a$b`c+x<a>b_c"));

    [Fact]
    public void Encode_NonAsciiSymbol_StaysInsideItsWord() =>
        // BERT splits only ASCII symbols and Unicode punctuation: "x×" is one word, cut by WordPiece; "×x" has no pieces.
        Assert.Equal(["x", "##×", "[UNK]"], Pieces(Tokenizer(), "x× ×x"));

    [Fact]
    public void Encode_NoLowercase_KeepsCase() =>
        Assert.Equal(["Hello", "[UNK]", "!"], Pieces(Tokenizer(new BertTokenizerSettings { Lowercase = false }), "Hello HOW!"));

    [Theory]
    [InlineData("H\u00E9llo")]
    [InlineData("He\u0301llo")]
    public void Encode_Accents_StrippedWhenLowercasing(string text) =>
        Assert.Equal(["hello"], Pieces(Tokenizer(), text));

    [Fact]
    public void Encode_StripAccentsOff_KeepsAccentedWordUnknown() =>
        Assert.Equal(["[UNK]"], Pieces(Tokenizer(new BertTokenizerSettings { StripAccents = false }), "Héllo"));

    [Fact]
    public void Encode_Chinese_SplitsEveryIdeograph()
    {
        Assert.Equal(["你", "好"], Pieces(Tokenizer(), "你好"));
        // BERT's test_chinese, and an ideograph outside the BMP.
        Assert.Equal(["ah", "博", "推", "zz", "𠀀"], Pieces(Tokenizer(), "ah\u535A\u63A8zz𠀀"));
    }

    [Theory]
    [InlineData("a\u200Bb")]   // zero-width space: a format character, removed
    [InlineData("a\u00ADb")]   // soft hyphen
    [InlineData("a\uFEFFb")]   // byte-order mark
    [InlineData("a\0b")]
    [InlineData("a\uFFFDb")]
    public void Encode_InvisibleCharacters_AreRemovedNotSpaces(string text) =>
        // The reference removes them, so the letters on either side join: "ab" is one unknown word here.
        Assert.Equal(["[UNK]"], Pieces(Tokenizer(), text));

    [Fact]
    public void Encode_LoneSurrogate_IsDroppedLikeAReplacementCharacter() =>
        Assert.Equal(["hello", "world"], Pieces(Tokenizer(), "hello \uD800world"));

    [Fact]
    public void Encode_UnsplittableWord_IsOneUnknown() =>
        // BERT's test_wordpiece_tokenizer: "unwantedX running" -> [UNK] runn ##ing.
        Assert.Equal(["[UNK]", "runn", "##ing"], Pieces(Tokenizer(), "unwantedX running"));

    [Fact]
    public void Encode_WordOverMaxChars_IsUnknownWithoutSplitting() =>
        Assert.Equal(["[UNK]", "un"], Pieces(Tokenizer(new BertTokenizerSettings { MaxInputCharsPerWord = 5 }), "unwanted un"));

    [Fact]
    public void Encode_Emoji_IsUnknown() =>
        Assert.Equal(["a", "[UNK]", "b"], Pieces(Tokenizer(), "a 😀 b"));

    [Fact]
    public void Encode_MaxTokens_TruncatesAndKeepsSeparatorLast() =>
        Assert.Equal([1, 7, 12, 13, 2], Tokenizer().EncodeToIds("unaffable hello world", 5, addSpecialTokens: true, out _, out _));

    [Fact]
    public void Encode_EmptyText_IsClassifierAndSeparator() =>
        Assert.Equal([1, 2], Tokenizer().EncodeToIds(""));

    [Fact]
    public void Encode_20000Characters_StopsAtTheLimit() =>
        Assert.Equal(256, Tokenizer().EncodeToIds(string.Concat(Enumerable.Repeat("hello world ", 1700)), 256, addSpecialTokens: true, out _, out _).Count);
}
