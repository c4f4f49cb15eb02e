using System.Text;

namespace Bot.Digests;

/// <summary>
/// Cleans one line of digest text, whichever reader found it (text or HTML): tabs and odd spaces become
/// spaces, invisible characters go, full-width letters and digits become their ASCII forms.
/// </summary>
public static class LineCleaner
{
    public static string CleanLine(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c is '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u3000')
            {
                builder.Append(' ');
            }
            else if (IsInvisible(c) || (char.IsControl(c) && c != '\n'))
            {
                // Invisible characters carry no text, and stray control characters none either.
            }
            else if (IsFullwidthLetterOrDigit(c))
            {
                builder.Append((char)(c - '\uFF01' + '!'));
            }
            else
            {
                builder.Append(c);
            }
        }
        var cleaned = builder.ToString().Trim();
        while (cleaned.Contains("  ", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("  ", " ", StringComparison.Ordinal);
        }
        return cleaned;
    }

    /// <summary>
    /// Byte-order marks, zero-width spaces, word joiners, soft hyphens, direction marks and every bidi
    /// embedding, override and isolate: shown raw they reorder or hide what a title says (a title
    /// starting with U+202E prints backwards in chat), and none of them is a letter a search could match.
    /// Zero-width joiner and non-joiner stay: they shape emoji sequences and Persian or Indic words.
    /// </summary>
    public static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u061C' or '\u180E' or '\u200B' or '\u200E' or '\u200F' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2060' and <= '\u206F';

    /// <summary>
    /// "Ｆｕｌｌ" is stored as "Full": the full-text index does not apply NFKC while queries do, so a
    /// full-width title could never be found. Full-width punctuation stays, as CJK text uses it.
    /// </summary>
    private static bool IsFullwidthLetterOrDigit(char c) =>
        c is >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A';
}
