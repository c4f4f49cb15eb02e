namespace Bot.Answers;

/// <summary>One sentence of a text, with where it starts in that text.</summary>
public readonly record struct Sentence(string Text, int Start)
{
    public int Length => Text.Length;
}

/// <summary>
/// Splits an abstract into sentences at '.', '!' or '?' followed by white space and a capital, digit
/// or opening bracket. Abstracts are full of periods that end nothing (e.g., i.e., et al., 3.5, URLs),
/// and an answer that cuts a sentence in half cites half a claim.
/// </summary>
public static class SentenceSplitter
{
    // Lower-cased abbreviations, without their final period, after which a period does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "e.g", "i.e", "al", "etc", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "approx", "resp", "dr", "mr", "ms", "prof", "st", "vol", "ref", "refs",
    };

    public static IReadOnlyList<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var start = SkipSpace(text, 0);
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?') || !EndsSentence(text, i, start))
            {
                continue;
            }
            var end = i + 1;
            // Closing quotes or brackets after the period belong to the sentence.
            while (end < text.Length && text[end] is '"' or '\'' or ')' or ']' or '”' or '’')
            {
                end++;
            }
            Add(sentences, text, start, end);
            start = SkipSpace(text, end);
            i = start - 1;
        }
        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool EndsSentence(string text, int period, int sentenceStart)
    {
        var next = period + 1;
        while (next < text.Length && text[next] is '"' or '\'' or ')' or ']' or '”' or '’')
        {
            next++;
        }
        if (next >= text.Length)
        {
            return true;
        }
        // "3.5", "arxiv.org/abs", "e.g.": no space after the period, so no boundary.
        if (!char.IsWhiteSpace(text[next]))
        {
            return false;
        }
        var after = SkipSpace(text, next);
        if (after >= text.Length)
        {
            return true;
        }
        if (!(char.IsUpper(text[after]) || char.IsDigit(text[after]) || text[after] is '(' or '[' or '"' or '“'))
        {
            return false;
        }
        return text[period] != '.' || !IsAbbreviation(text, period, sentenceStart);
    }

    private static bool IsAbbreviation(string text, int period, int sentenceStart)
    {
        var wordStart = period;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] != '(')
        {
            wordStart--;
        }
        var word = text[wordStart..period].ToLowerInvariant();
        // A lone capital ("J. Smith") is an initial, not the end of a sentence.
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(text[wordStart]));
    }

    private static int SkipSpace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }
        return index;
    }

    private static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            sentences.Add(new Sentence(text[start..end], start));
        }
    }
}
