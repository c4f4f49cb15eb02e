using System.Text;

namespace Bot.Search;

/// <summary>
/// What a user typed, as the store and search see it: NFKC-normalised (a single "㌖" is six letters
/// then, and 2,800 of them made a LIKE pattern SQLite refuses). Lengths are checked on this form.
/// </summary>
public static class UserText
{
    /// <summary>The NFKC form; text with a lone surrogate (which cannot be normalised) has it replaced first.</summary>
    public static string Normalised(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            var valid = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                valid.Append(rune.ToString());
            }
            return valid.ToString().Normalize(NormalizationForm.FormKC);
        }
    }
}
