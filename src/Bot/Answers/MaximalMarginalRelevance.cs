using System.Numerics.Tensors;

namespace Bot.Answers;

/// <summary>
/// Picks answer sentences by maximal marginal relevance (Carbonell and Goldstein, 1998): each next
/// sentence is the one most relevant to the question after a penalty for resembling those already
/// picked, so an answer does not say the same thing twice from two abstracts.
/// </summary>
internal static class MaximalMarginalRelevance
{
    private const double Lambda = 0.7;

    // Sentences weaker than this share of the best one add noise rather than answer.
    private const double MinShareOfBest = 0.5;

    // A question in several parts ("what size ... and which models ...") is answered by several sentences:
    // after the first, a sentence that brings question words no picked sentence has gains this much at most.
    private const double CoverageGain = 0.3;

    /// <param name="questionWeights">The question's words with their weights (IDF over the candidates): what a sentence can newly cover.</param>
    public static IReadOnlyList<CandidateSentence> Select(IReadOnlyList<CandidateSentence> eligible, int minimum, int maximum,
        IReadOnlyDictionary<string, double>? questionWeights = null)
    {
        var picked = new List<CandidateSentence>();
        var remaining = eligible.ToList();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var total = questionWeights?.Values.Sum() ?? 0;
        while (picked.Count < maximum && remaining.Count > 0)
        {
            // The first pick is the most relevant sentence: the one that answers leads.
            var next = remaining.MaxBy(s => Lambda * s.Relevance
                - (1 - Lambda) * picked.Select(p => Redundancy(s, p)).DefaultIfEmpty(0).Max()
                + (picked.Count > 0 && total > 0 ? CoverageGain * NewlyCovered(s, questionWeights!, covered) / total : 0))!;
            if (picked.Count >= minimum && next.Relevance < MinShareOfBest * picked[0].Relevance)
            {
                break;
            }
            picked.Add(next);
            remaining.Remove(next);
            covered.UnionWith(next.TermSet);
        }
        return picked;
    }

    private static double NewlyCovered(CandidateSentence sentence, IReadOnlyDictionary<string, double> questionWeights, HashSet<string> covered) =>
        questionWeights.Where(w => sentence.TermSet.Contains(w.Key) && !covered.Contains(w.Key)).Sum(w => w.Value);

    // Sentences of one abstract are all on its topic; only a sentence that says much the same as one
    // already picked is redundant (its similarity above this, rescaled to 0..1). Measured on the dev
    // questions: the full similarity pushed a paper's second answering sentence out for another paper's.
    private const double RedundantAbove = 0.7;

    private static double Redundancy(CandidateSentence a, CandidateSentence b) =>
        Math.Max(0, Similarity(a, b) - RedundantAbove) / (1 - RedundantAbove);

    private static double Similarity(CandidateSentence a, CandidateSentence b)
    {
        if (a.Embedding is { } x && b.Embedding is { } y)
        {
            return TensorPrimitives.CosineSimilarity(x, y);
        }
        var union = a.TermSet.Count + b.TermSet.Count - a.TermSet.Count(b.TermSet.Contains);
        return union == 0 ? 0 : (double)a.TermSet.Count(b.TermSet.Contains) / union;
    }
}
