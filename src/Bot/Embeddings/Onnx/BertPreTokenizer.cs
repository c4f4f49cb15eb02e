using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// Hugging Face's BertPreTokenizer for <see cref="BertTokenizer"/>, run on <see cref="BertNormalizer"/>'s
/// output: words end at whitespace, and every punctuation character (all ASCII symbols count, as in
/// BERT) and every CJK ideograph is a word of its own. The library's own splitting treats ASCII
/// symbols such as <c>+</c> and <c>_</c> differently from the vocabulary the models were trained on.
/// </summary>
public sealed class BertPreTokenizer(bool handleChineseChars = true) : PreTokenizer
{
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string? text) =>
        text is null ? [] : PreTokenize(text.AsSpan());

    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>();
        var start = -1;
        var at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var width = rune.Utf16SequenceLength;
            if (Rune.IsWhiteSpace(rune) || IsPunctuation(rune) || (handleChineseChars && IsChinese(rune.Value)))
            {
                if (start >= 0)
                {
                    words.Add((start, at - start));
                    start = -1;
                }
                if (!Rune.IsWhiteSpace(rune))
                {
                    words.Add((at, width));
                }
            }
            else if (start < 0)
            {
                start = at;
            }
            at += width;
        }
        if (start >= 0)
        {
            words.Add((start, at - start));
        }
        return words;
    }

    // BERT's _is_punctuation: the ASCII ranges of symbols and punctuation, and Unicode's P* categories.
    private static bool IsPunctuation(Rune rune) =>
        rune.Value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    // BERT's _is_chinese_char: the CJK Unified Ideographs blocks (not Japanese kana or Hangul).
    private static bool IsChinese(int codePoint) =>
        codePoint is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF
            or >= 0x2A700 and <= 0x2B73F or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF
            or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
