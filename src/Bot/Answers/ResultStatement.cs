using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Sentences that state a measured quantity ("by 41% and 24%", "774-million", "6.5 times"), and questions
/// that ask for one ("how much", "how large", "what speed-up", "how does it compare"). Such a question is
/// answered by the number, and the sentence holding it often shares few words with the question: the
/// question names the quantity ("size", "speed-up"), the sentence gives its value.
/// </summary>
public static partial class ResultStatement
{
    /// <summary>Whether the sentence holds a number of its own, not a digit in a name (GPT-2, ResNet-50, top-1) nor an enumeration mark "(1)".</summary>
    public static bool Is(string sentence) => Quantity().IsMatch(sentence);

    /// <summary>Whether the question asks for a quantity or a result: then a sentence stating one is likely the answer.</summary>
    public static bool AskedFor(string question) => AsksHowMuch().IsMatch(question) || AsksWhatQuantity().IsMatch(question) || AsksComparison().IsMatch(question);

    // A digit not glued to a preceding letter, digit, "^", "letter-" or "letter/" (GPT-2, CIFAR10, M^2, ViT-B/16), and not a lone "(1)".
    [GeneratedRegex(@"(?<![\p{L}\d^.,(]|\p{L}[-/])\d|\((?>\d+(?:[.,]\d+)*)(?!\))")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\bhow\s+(much|many|large|big|small|long|fast|far|often|well|accurate|quickly|badly|efficient)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksHowMuch();

    // "What size of ...", "what zero-shot ImageNet top-1", "which speed-up", "by what fraction".
    [GeneratedRegex(@"\b(what|which)\s+([\w-]+\s+){0,3}?(size|fraction|share|percentage|proportion|ratio|number|amount|speed-?ups?|accuracy|improvement|gain|score|rate|cost|error|top-\d|perplexity|results?|reduction|compression|margin|factor)s?\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhatQuantity();

    // "How does it compare with OLMo", "compared to the baseline".
    [GeneratedRegex(@"\bhow\s+(does|do|did|would)\b[^?]{0,80}\bcompare\b|\bcompared?\s+(with|to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksComparison();
}
