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

    public static IReadOnlyList<CandidateSentence> Select(IReadOnlyList<CandidateSentence> eligible, int minimum, int maximum)
    {
        var picked = new List<CandidateSentence>();
        var remaining = eligible.ToList();
        while (picked.Count < maximum && remaining.Count > 0)
        {
            var next = remaining.MaxBy(s => Lambda * s.Relevance - (1 - Lambda) * picked.Select(p => Similarity(s, p)).DefaultIfEmpty(0).Max())!;
            if (picked.Count >= minimum && next.Relevance < MinShareOfBest * picked[0].Relevance)
            {
                break;
            }
            picked.Add(next);
            remaining.Remove(next);
        }
        return picked;
    }

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
