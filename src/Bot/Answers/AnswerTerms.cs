using Bot.Search;

namespace Bot.Answers;

/// <summary>
/// The words a question and a sentence are matched on: <see cref="QueryTerms"/> tokens (letters and
/// digits, lower-cased, no function words), then a tiny suffix stripper so "merges", "merged" and
/// "merging" meet. Both sides go through the same code, so consistency matters more than linguistics.
/// </summary>
public static class AnswerTerms
{
    public static IReadOnlyList<string> From(string text) =>
        QueryTerms.Words(text).Where(w => !QueryTerms.IsStopWord(w)).Select(Stem).ToList();

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3
                && !(suffix == "s" && word.EndsWith("ss", StringComparison.Ordinal)))
            {
                return word[..^suffix.Length];
            }
        }
        return word;
    }
}
