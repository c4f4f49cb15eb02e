namespace Bot.Answers;

/// <summary>
/// An extractive summary of one paper: the abstract sentences that share the most with the abstract
/// as a whole (term frequencies, length-normalised), kept in their original order. What the paper does
/// and finds comes before its background (<see cref="AbstractRoles"/>), and a "code is available" line
/// is never part of it (<see cref="AvailabilityNotice"/>). Used when no language model is configured.
/// </summary>
public static class PaperSummarizer
{
    public const int DefaultSentences = 3;

    /// <summary>
    /// The longest sentence a summary quotes whole. An abstract stored before ingest bounded abstracts may
    /// be one "sentence" of a million characters; a summary shows its start, not all of it.
    /// </summary>
    public const int MaxSentenceChars = 600;

    public static IReadOnlyList<string> KeySentences(string abstractText, int count = DefaultSentences)
    {
        var all = SentenceSplitter.Split(abstractText).Select(s => s.Text.Length > MaxSentenceChars ? Excerpt.Head(s.Text, MaxSentenceChars) : s.Text).ToList();
        var sentences = all.Where(s => !AvailabilityNotice.Is(s)).ToList();
        if (sentences.Count == 0)
        {
            // An abstract that is nothing but a notice is still summarized by it.
            sentences = all;
        }
        if (sentences.Count <= count)
        {
            return sentences;
        }
        var background = AbstractRoles.Background(sentences);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = sentences.Select(AnswerTerms.From).ToList();
        foreach (var word in terms.SelectMany(t => t))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }
        // A word the abstract repeats is what the paper is about; dividing by √length keeps long
        // sentences from winning on length alone. Background goes in only when the rest is too short.
        return sentences
            .Select((sentence, i) => (sentence, i, Score: terms[i].Distinct().Sum(w => frequency[w] - 1) / Math.Sqrt(Math.Max(1, terms[i].Count))))
            .OrderBy(s => background[s.i]).ThenByDescending(s => s.Score).ThenBy(s => s.i)
            .Take(count)
            .OrderBy(s => s.i)
            .Select(s => s.sentence)
            .ToList();
    }
}
