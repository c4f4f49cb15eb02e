using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Digests;

/// <summary>
/// Identity of a paper across digests: the title NFKC-normalised, case-folded, with punctuation
/// and spacing differences removed, so "PFGM++:  Unlocking…" and "pfgm++ unlocking…" are one paper.
/// </summary>
public static class TitleKey
{
    public static string From(string title)
    {
        var normalized = Valid(title).Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format)
            {
                // Invisible format characters (soft hyphen, word joiner, zero-width joiners) sit inside
                // words; they must not split "Augmen\u00ADtations" into two words.
                continue;
            }
            var keep = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.MathSymbol
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!keep)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>
    /// Normalize throws on a lone surrogate or U+FFFE, which a damaged file can hold; neither is a
    /// letter, so as U+FFFD they drop out of the key like any other symbol.
    /// </summary>
    private static string Valid(string title)
    {
        if (!title.Any(c => char.IsSurrogate(c) || c == '\uFFFE'))
        {
            return title;
        }
        var builder = new StringBuilder(title.Length);
        foreach (var rune in title.EnumerateRunes())
        {
            builder.Append(rune.Value == 0xFFFE ? Rune.ReplacementChar.ToString() : rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>Stable short id shown to users and used on the command line.</summary>
    public static string PaperId(string titleKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(titleKey));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
