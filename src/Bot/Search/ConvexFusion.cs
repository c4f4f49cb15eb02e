namespace Bot.Search;

/// <summary>
/// Convex combination of normalised scores: α·(BM25 / top BM25) + (1 − α)·(min-max scaled cosine).
/// Bruch, Gai and Ingber ("An Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS 2023)
/// find it beats reciprocal rank fusion once α is set for the models at hand, because it keeps how
/// far apart scores are, not just their order. A paper missing from one list scores 0 there.
/// </summary>
public static class ConvexFusion
{
    public static IReadOnlyList<ScoredPaper> Fuse(IReadOnlyList<ScoredPaper> lexical, IReadOnlyList<ScoredPaper> semantic, double lexicalWeight, int limit)
    {
        var fused = new Dictionary<long, double>();
        var topLexical = lexical.Count > 0 ? lexical.Max(p => p.Score) : 0;
        if (topLexical > 0)
        {
            foreach (var paper in lexical)
            {
                fused[paper.RowId] = lexicalWeight * Math.Max(0, paper.Score) / topLexical;
            }
        }
        if (semantic.Count > 0)
        {
            var high = semantic.Max(p => p.Score);
            var low = semantic.Min(p => p.Score);
            var range = high - low;
            foreach (var paper in semantic)
            {
                var scaled = range > 0 ? (paper.Score - low) / range : 1.0;
                fused[paper.RowId] = fused.GetValueOrDefault(paper.RowId) + (1 - lexicalWeight) * scaled;
            }
        }
        return fused.Select(pair => new ScoredPaper(pair.Key, pair.Value))
            .OrderByDescending(p => p.Score).ThenBy(p => p.RowId)
            .Take(limit)
            .ToList();
    }
}
