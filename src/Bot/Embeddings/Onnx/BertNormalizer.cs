using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Bot.Embeddings.Onnx;

/// <summary>
/// Hugging Face's BertNormalizer for <see cref="BertTokenizer"/>: the library's own basic tokenization
/// drops every symbol that is not Unicode punctuation (<c>+ &lt; &gt; = $ ^ ~ | `</c>, <c>×</c>, emoji)
/// and deletes tabs and line breaks instead of reading them as spaces ("one\nline" became "one ##line"),
/// so the vectors drifted from the ones the model was trained and published with. This does exactly
/// what the reference does, in its order: clean (controls and format characters out, any whitespace to
/// a space), strip accents (NFD, non-spacing marks out), lower-case.
/// </summary>
public sealed class BertNormalizer(BertTokenizerSettings settings) : Normalizer
{
    private readonly bool _stripAccents = settings.StripAccents ?? settings.Lowercase;

    public override string Normalize(string original) => Normalize(original.AsSpan());

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var text = new StringBuilder(original.Length);
        foreach (var rune in original.EnumerateRunes())
        {
            // A lone surrogate enumerates as U+FFFD, which cleaning drops like the reference's replacement character.
            if (settings.CleanText && IsRemoved(rune))
            {
                continue;
            }
            if (settings.CleanText && IsWhitespace(rune))
            {
                text.Append(' ');
                continue;
            }
            text.Append(rune.ToString());
        }
        var normalized = text.ToString();
        if (_stripAccents)
        {
            text.Clear();
            foreach (var rune in normalized.Normalize(NormalizationForm.FormD).EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
                {
                    text.Append(rune.ToString());
                }
            }
            normalized = text.ToString();
        }
        return settings.Lowercase ? normalized.ToLowerInvariant() : normalized;
    }

    // The reference's "is_control": the Other categories, except the three whitespace controls.
    private static bool IsRemoved(Rune rune) =>
        rune.Value is 0 or 0xFFFD
        || (rune.Value is not ('\t' or '\n' or '\r')
            && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    private static bool IsWhitespace(Rune rune) => Rune.IsWhiteSpace(rune);
}
