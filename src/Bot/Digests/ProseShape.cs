using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Digests;

/// <summary>
/// Tells language from noise: decoded bytes that are no text at all, and paragraphs that are no
/// abstract (code, data, gibberish, a one-line blurb). Measures shares of characters, so a few odd
/// characters in a real digest (an emoji, a stray control byte, a formula) never tip it.
/// </summary>
public static partial class ProseShape
{
    /// <summary>Share of non-blank characters that may be junk before decoded text counts as binary.</summary>
    private const double MaxJunkShare = 0.02;

    /// <summary>Share of a paragraph's characters that must sit in word-like tokens for it to be prose.</summary>
    private const double MinWordShare = 0.75;

    /// <summary>A one-sentence paragraph with fewer letters is a blurb ("Just a blog post about cats."), not an abstract.</summary>
    private const int MinLettersOfOneSentence = 40;

    /// <summary>
    /// True when decoded text is mostly what a text file never holds: control characters, replacement
    /// characters, unassigned or private-use code points, lone surrogates. Random bytes without NULs
    /// decode (as Latin-1) to about one such character in four; a real digest has next to none.
    /// Read as Latin-1, a non-ASCII character that is not a letter also counts: a real Latin-1 file
    /// has few high bytes, and those are accented letters.
    /// </summary>
    /// <summary>°, ±, µ, ×, ², €, “ ”, –: what a real Latin-1 or Windows-1252 text holds besides letters.</summary>
    private static bool IsPrintableSymbol(UnicodeCategory category) => category is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
        or UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherNumber or UnicodeCategory.SpaceSeparator
        or UnicodeCategory.DashPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation;

    public static bool LooksBinary(string text, bool readAsLatin1)
    {
        var counted = 0;
        var junk = 0;
        foreach (var rune in Runes(text))
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }
            counted++;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
                || rune == Rune.ReplacementChar
                || (readAsLatin1 && rune.Value > 0x7F && !Rune.IsLetter(rune) && !IsPrintableSymbol(category)))
            {
                junk++;
            }
        }
        return counted > 0 && junk > Math.Max(2, counted * MaxJunkShare);
    }

    /// <summary>
    /// True when a paragraph reads as an abstract: mostly words (URLs aside), with a sentence end,
    /// and either two sentences or one long one.
    /// </summary>
    public static bool IsAbstract(string text)
    {
        // A sentence may end with a URL ("Code is at https://github.com/a/b."): count it as a word.
        var sentences = EndOfSentence().Count(Url().Replace(text, "url"));
        if (sentences == 0 || WordShare(text) < MinWordShare)
        {
            return false;
        }
        return sentences >= 2 || text.Count(char.IsLetter) >= MinLettersOfOneSentence;
    }

    /// <summary>
    /// Share of non-blank characters in tokens that are words: after the punctuation and symbols around
    /// them ("(KD)", "results."), at least 70% letters, marks or digits. Scripts written without spaces
    /// are one long token of letters, so they count as words too.
    /// </summary>
    internal static double WordShare(string text)
    {
        var total = 0;
        var words = 0;
        foreach (var token in Url().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            total += token.Length;
            var core = token.AsSpan();
            while (core.Length > 0 && IsPunctuationOrSymbol(core[0]))
            {
                core = core[1..];
            }
            while (core.Length > 0 && IsPunctuationOrSymbol(core[^1]))
            {
                core = core[..^1];
            }
            var wordCharacters = 0;
            foreach (var c in core)
            {
                if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    || char.IsSurrogate(c))
                {
                    wordCharacters++;
                }
            }
            if (core.Length > 0 && wordCharacters >= core.Length * 0.7)
            {
                words += token.Length;
            }
        }
        return total == 0 ? 0 : (double)words / total;
    }

    private static bool IsPunctuationOrSymbol(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    /// <summary>Lone surrogates come through as U+FFFD runes, which count as junk like any other.</summary>
    private static IEnumerable<Rune> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            yield return status == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;
            i += Math.Max(used, 1);
        }
    }

    // One character of context, not a whole word: a word pattern rescans a giant unbroken line from every letter.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N})][.!?\u3002\uFF01\uFF1F](?:\s|$)")]
    private static partial Regex EndOfSentence();

    // Ends before the sentence's own punctuation: "is at https://github.com/a/b." ends a sentence.
    [GeneratedRegex(@"https?://[^\s<>""{}|\\^`]*[^\s<>""{}|\\^`.,;:!?)\]']", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
