using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Answers;
using Bot.Store;

namespace Bot.Answers;

/// <summary>Model output after validation: text whose [n] markers all name a listed source, numbered as first cited.</summary>
public sealed record ValidatedText(string Text, IReadOnlyList<Citation> Sources);

/// <summary>What a text without a citation means: an answer must cite each claim; a one-paper summary is all about that paper.</summary>
public enum CitationRule
{
    /// <summary>A sentence without a valid [n] is unsupported and goes; the sources are numbered as first cited.</summary>
    EveryClaim,

    /// <summary>
    /// The text is about the one paper given: a sentence without a marker speaks of it, a marker naming it
    /// adds nothing and is removed, and a sentence citing only numbers that name no paper goes.
    /// </summary>
    SoleSource,
}

/// <summary>
/// Checks a model's answer against the papers it was shown. A citation number that matches no paper
/// is removed; a sentence left with no valid citation, or with nothing but citations, is dropped (the
/// prompt demands one per claim, so an uncited sentence is unsupported, or text the model was talked
/// into); a sentence that leaks (see <see cref="AnswerGuard"/>, over the whole answer) is dropped;
/// links go unless the papers gave them (see <see cref="ModelLinks"/>). The surviving citations are
/// renumbered in the order the reader meets them and the sources listed accordingly. Full-width and
/// CJK brackets and digits count as the ASCII ones: models answering in other scripts write them.
/// A streamed answer is checked as it arrives by <see cref="AnswerValidation"/>, by the same rules.
/// </summary>
public static partial class CitationValidator
{
    public static ValidatedText Validate(string raw, IReadOnlyList<StoredPaper> papers, AnswerGuard guard, CitationRule rule = CitationRule.EveryClaim)
    {
        var validation = new AnswerValidation(papers, guard, rule);
        validation.Append(raw);
        return validation.Complete();
    }

    /// <summary>
    /// One sentence with its citations checked and renumbered (new numbers are taken from
    /// <paramref name="numbers"/> and added to <paramref name="sources"/>), or null when it goes.
    /// </summary>
    internal static string? Check(string sentence, IReadOnlyList<StoredPaper> papers, CitationRule rule, Dictionary<int, int> numbers, List<Citation> sources)
    {
        var groups = CitationGroup().Matches(sentence);
        var cites = groups.Any(g => Cited(g, papers).Count > 0);
        if (!HasClaim(sentence) || (rule == CitationRule.EveryClaim ? !cites : groups.Count > 0 && !cites))
        {
            return null;
        }
        if (rule == CitationRule.SoleSource)
        {
            if (sources.Count == 0)
            {
                var paper = papers[0];
                sources.Add(new Citation(1, paper.Id, paper.Title, paper.Links.FirstOrDefault()?.Url));
            }
            return WithoutMarkers(sentence).Trim();
        }
        return CitationGroup().Replace(sentence, group =>
        {
            var renumbered = new List<int>();
            foreach (var old in Cited(group, papers))
            {
                if (!numbers.TryGetValue(old, out var number))
                {
                    number = numbers.Count + 1;
                    numbers[old] = number;
                    var paper = papers[old - 1];
                    sources.Add(new Citation(number, paper.Id, paper.Title, paper.Links.FirstOrDefault()?.Url));
                }
                renumbered.Add(number);
            }
            var markers = new StringBuilder();
            foreach (var number in renumbered.Order())
            {
                markers.Append(CultureInfo.InvariantCulture, $"[{number}]");
            }
            return (group.Groups["space"].Value.Length > 0 && markers.Length > 0 ? " " : "") + markers;
        }).Trim();
    }

    /// <summary>The text with every citation marker (and the space before it) replaced by <paramref name="with"/>.</summary>
    internal static string WithoutMarkers(string text, string with = "") => CitationGroup().Replace(text, with);

    private static List<int> Cited(Match group, IReadOnlyList<StoredPaper> papers) =>
        [.. Numbers(group.Groups["list"].Value).Where(n => n >= 1 && n <= papers.Count).Distinct()];

    /// <summary>A claim has words of its own: "[1][2]" or "- [1]." says nothing and cites for show.</summary>
    private static bool HasClaim(string sentence) => Letter().IsMatch(CitationGroup().Replace(sentence, " "));

    /// <summary>"1", "1, 2", "1-3", "1; 4" as the numbers they name (a range of at most ten).</summary>
    private static IEnumerable<int> Numbers(string list)
    {
        foreach (var part in AsciiDigits(list).Split([',', ';', '，', '、', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split(['-', '–', '－'], StringSplitOptions.TrimEntries);
            if (range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out var from) && int.TryParse(range[1], CultureInfo.InvariantCulture, out var to) && to >= from && to - from < 10)
            {
                for (var n = from; n <= to; n++)
                {
                    yield return n;
                }
            }
            else if (int.TryParse(part, CultureInfo.InvariantCulture, out var single))
            {
                yield return single;
            }
        }
    }

    // \d matches every script's decimal digits; int.Parse reads only ASCII ones.
    private static string AsciiDigits(string text) => string.Concat(text.Select(c =>
        char.IsDigit(c) ? (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)) : c));

    [GeneratedRegex(@"(?<space>\s*)[\[［【](?<list>\s*\d{1,3}(?:\s*[,;\-–，、；－]\s*\d{1,3})*\s*)[\]］】]", RegexOptions.CultureInvariant)]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"\p{L}", RegexOptions.CultureInvariant)]
    private static partial Regex Letter();
}
