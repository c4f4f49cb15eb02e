namespace Bot.Answers;

/// <summary>
/// An extractive summary of one paper: the abstract sentences that share the most with the abstract
/// as a whole (term frequencies, length-normalised), kept in their original order. Used when no
/// language model is configured.
/// </summary>
public static class PaperSummarizer
{
    public const int DefaultSentences = 3;

    public static IReadOnlyList<string> KeySentences(string abstractText, int count = DefaultSentences)
    {
        var sentences = SentenceSplitter.Split(abstractText);
        if (sentences.Count <= count)
        {
            return sentences.Select(s => s.Text).ToList();
        }
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = sentences.Select(s => AnswerTerms.From(s.Text)).ToList();
        foreach (var word in terms.SelectMany(t => t))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }
        // A word the abstract repeats is what the paper is about; dividing by √length keeps long
        // sentences from winning on length alone.
        return sentences
            .Select((sentence, i) => (sentence, i, Score: terms[i].Distinct().Sum(w => frequency[w] - 1) / Math.Sqrt(Math.Max(1, terms[i].Count))))
            .OrderByDescending(s => s.Score).ThenBy(s => s.i)
            .Take(count)
            .OrderBy(s => s.i)
            .Select(s => s.sentence.Text)
            .ToList();
    }
}
