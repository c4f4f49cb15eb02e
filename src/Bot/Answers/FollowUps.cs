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

    /// <summary>
    /// Content words a follow-up may carry besides its pointer ("what does [2] measure?"); with more,
    /// "which was the first paper to use diffusion for image classification?" is a new question.
    /// </summary>
    public const int MaxFollowUpWords = 3;

    /// <summary>The source number (1-based) the question points at, if any and within <paramref name="sources"/>, when the question is about that source rather than a new one.</summary>
    public static int? SourceReference(string question, int sources)
    {
        if (RequestedNumber(question) is not { } number || sources == 0 || WordsBesideReference(question) > MaxFollowUpWords)
        {
            return null;
        }
        number = number == Last ? sources : number;
        return number >= 1 && number <= sources ? number : null;
    }

    /// <summary>What "the last one" asks for: whichever source came last.</summary>
    public const int Last = -1;

    /// <summary>The number the question points at, in range of an answer or not ("[7]" → 7); <see cref="Last"/> for "the last one".</summary>
    public static int? RequestedNumber(string question)
    {
        var match = Reference().Match(question);
        if (!match.Success)
        {
            return null;
        }
        if (match.Groups["ordinal"].Success)
        {
            var word = match.Groups["ordinal"].Value.ToLowerInvariant();
            return word == "last" ? Last : Array.IndexOf(Ordinals, word) + 1;
        }
        return int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A question that is nothing but a pointer at an earlier answer's source ("what about the second
    /// one?", "tell me more about [3]"): fewer than two content words once the reference is taken out.
    /// </summary>
    public static bool IsBareReference(string question) =>
        RequestedNumber(question) is not null && WordsBesideReference(question) < 2;

    /// <summary>Content words left once the pointer ("the second one", "[3]") is taken out.</summary>
    private static int WordsBesideReference(string question) => AnswerTerms.From(WithoutReference(question)).Count;

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
