using System.Text.RegularExpressions;

namespace Bot.Digests;

public enum BlockKind
{
    Title,
    Abstract,
    Either,
}

/// <summary>
/// Tells titles from abstracts by what they say, not by line length alone: an abstract has sentences
/// (full stops followed by capitals, a final period), a title is one short phrase, often in Title Case,
/// often with a colon. Ambiguous blocks are left to the caller, which knows what it expects next.
/// </summary>
public static partial class BlockClassifier
{
    public static BlockKind Classify(string text)
    {
        var score = TitleScore(text);
        return score switch
        {
            >= 2.0 => BlockKind.Title,
            <= -1.0 => BlockKind.Abstract,
            _ => BlockKind.Either,
        };
    }

    /// <summary>Positive means title-like, negative abstract-like.</summary>
    public static double TitleScore(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return 0;
        }
        var score = 0.0;
        score += trimmed.Length switch
        {
            <= 250 => 1.0,
            <= 400 => 0.0,
            <= 700 => -2.0,
            _ => -4.0,
        };
        var sentenceBreaks = SentenceBreak().Count(trimmed);
        score -= Math.Min(sentenceBreaks, 3) * 1.5;
        if (trimmed.EndsWith('.') && !trimmed.EndsWith("et al.", StringComparison.Ordinal))
        {
            score -= 1.5;
        }
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 30)
        {
            score += 0.5;
        }
        var capitalised = words.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        if (words.Length > 0 && capitalised >= words.Length * 0.5)
        {
            score += 1.0;
        }
        var colon = trimmed.IndexOf(':');
        if (colon is > 0 and < 60 && !trimmed[..colon].Contains(' ', StringComparison.Ordinal))
        {
            score += 0.5;
        }
        return score;
    }

    /// <summary>
    /// True when a block's first line is a title and the lines after it an abstract that was not
    /// separated by a blank line. A wrapped abstract continues mid-sentence, so its second line
    /// starts in lower case; an abstract under a title starts a new sentence.
    /// </summary>
    public static bool StartsWithTitleLine(IReadOnlyList<string> lines)
    {
        if (lines.Count < 2)
        {
            return false;
        }
        var first = lines[0].Trim();
        var rest = LineJoiner.Join(lines.Skip(1).ToList());
        var secondStartsSentence = lines[1].Length > 0 && (char.IsUpper(lines[1][0]) || char.IsDigit(lines[1][0]));
        // A Title Case line heads anything that is not itself a title; a sentence-case title ("What needs
        // to go right for an induction head? A mechanistic study...") only needs to not read like prose
        // when what follows it is plainly an abstract.
        var firstScore = TitleScore(first);
        var restKind = Classify(rest);
        return secondStartsSentence
            && !first.EndsWith('.') && !first.EndsWith(',')
            && ((firstScore >= 2.0 && restKind != BlockKind.Title) || (firstScore > -1.0 && restKind == BlockKind.Abstract));
    }

    [GeneratedRegex(@"[a-z0-9\)\]][.!?]\s+(?=[A-Z])")]
    private static partial Regex SentenceBreak();
}
