using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Recognises a follow-up to the previous answer: an ordinal reference to one of its sources ("the
/// second one", "paper 3", "[2]", "the last one") or a question that leans on what came before
/// ("what about…", "and…", "it", "that method"), which only makes sense with the conversation.
/// </summary>
public static partial class FollowUps
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    /// <summary>The source number (1-based) the question points at, if any and within <paramref name="sources"/>.</summary>
    public static int? SourceReference(string question, int sources)
    {
        var match = Reference().Match(question);
        if (!match.Success || sources == 0)
        {
            return null;
        }
        int number;
        if (match.Groups["ordinal"].Success)
        {
            var word = match.Groups["ordinal"].Value.ToLowerInvariant();
            number = word == "last" ? sources : Array.IndexOf(Ordinals, word) + 1;
        }
        else
        {
            number = int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return number >= 1 && number <= sources ? number : null;
    }

    /// <summary>The question without its reference ("what about the second one?" → "what about ?").</summary>
    public static string WithoutReference(string question) => Reference().Replace(question, " ").Trim();

    public static bool IsFollowUp(string question) => Reference().IsMatch(question) || Leaning().IsMatch(question);

    // An ordinal counts only with a noun after it ("the second one", "first paper") or closing the
    // question ("what about the third?"): "the first model to…" is no reference.
    [GeneratedRegex(@"\b(?<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+(?:one|paper|source|result|article|reference)s?\b|\bthe\s+(?<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s*[?.!]*\s*$|(?:\b(?:paper|source|result|reference|number)\s*#?|#|\[)(?<number>\d{1,2})\b\]?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\s*(?:what|how)\s+about\b|^\s*(?:and|also|but)\b|\b(?:it|its|it's|that|this|these|those|they|them|their|the same)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Leaning();
}
