using Bot.Search;

namespace Bot.Answers;

/// <summary>
/// BM25 of a question over the candidate sentences, with document frequencies counted over those same
/// sentences: a word every retrieved abstract repeats ("model", "results") then weighs little, and the
/// question's distinctive words decide which sentence answers it.
/// </summary>
internal static class SentenceBm25
{
    /// <returns>Each question word found in some sentence, with its IDF over the sentences.</returns>
    public static IReadOnlyDictionary<string, double> Score(IReadOnlyList<string> questionTerms, IReadOnlyList<CandidateSentence> sentences)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (sentences.Count == 0)
        {
            return weights;
        }
        var averageLength = Math.Max(1.0, sentences.Average(s => s.Terms.Count));
        foreach (var term in questionTerms.Distinct(StringComparer.Ordinal))
        {
            var documentFrequency = sentences.Count(s => s.TermSet.Contains(term));
            if (documentFrequency == 0)
            {
                continue;
            }
            var idf = Bm25Formula.Idf(sentences.Count, documentFrequency);
            weights[term] = idf;
            foreach (var sentence in sentences)
            {
                var frequency = sentence.Terms.Count(t => t == term);
                if (frequency > 0)
                {
                    sentence.Lexical += Bm25Formula.Term(idf, frequency, sentence.Terms.Count, averageLength);
                }
            }
        }
        return weights;
    }
}
