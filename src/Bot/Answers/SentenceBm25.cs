namespace Bot.Answers;

/// <summary>
/// BM25 of a question over the candidate sentences, with document frequencies counted over those same
/// sentences: a word every retrieved abstract repeats ("model", "results") then weighs little, and the
/// question's distinctive words decide which sentence answers it.
/// </summary>
internal static class SentenceBm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    public static void Score(IReadOnlyList<string> questionTerms, IReadOnlyList<CandidateSentence> sentences)
    {
        if (sentences.Count == 0)
        {
            return;
        }
        var averageLength = Math.Max(1.0, sentences.Average(s => s.Terms.Count));
        foreach (var term in questionTerms.Distinct(StringComparer.Ordinal))
        {
            var documentFrequency = sentences.Count(s => s.TermSet.Contains(term));
            if (documentFrequency == 0)
            {
                continue;
            }
            var idf = Math.Log(1 + (sentences.Count - documentFrequency + 0.5) / (documentFrequency + 0.5));
            foreach (var sentence in sentences)
            {
                var frequency = sentence.Terms.Count(t => t == term);
                if (frequency > 0)
                {
                    sentence.Lexical += idf * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * sentence.Terms.Count / averageLength));
                }
            }
        }
    }
}
