using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// The names a question asks about: acronyms and model or method names ("DPO", "LoRA", "GPT-4", "T5").
/// A question about a name no retrieved paper uses is not answered by sentences that share its other
/// words ("how does DPO avoid a reward model?" against papers on reward models), so the answer says so.
/// </summary>
public static partial class NamedTerms
{
    /// <summary>Names in the question that none of the texts contains as a word (case-insensitive).</summary>
    public static IReadOnlyList<string> MissingFrom(string question, IEnumerable<string> texts)
    {
        var names = In(question);
        if (names.Count == 0)
        {
            return [];
        }
        var haystack = string.Join("\n", texts);
        return [.. names.Where(name => !Regex.IsMatch(haystack, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))];
    }

    /// <summary>
    /// Words with two capitals or more ("DPO", "LoRA", "ImageNet") or letters and digits together
    /// ("GPT-4", "T5"); an ordinary capitalised word ("How", "Apple") is not a name here.
    /// </summary>
    public static IReadOnlyList<string> In(string question) =>
        [.. Word().Matches(question).Select(m => m.Value.Trim('-'))
            .Where(w => w.Length >= 2 && (w.Count(char.IsUpper) >= 2 || (w.Any(char.IsLetter) && w.Any(char.IsDigit))))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
