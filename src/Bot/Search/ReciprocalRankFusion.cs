namespace Bot.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each ranking gives a paper
/// weight / (k + rank); scores add up. It needs no calibration between BM25 scores and cosines.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<ScoredPaper> Fuse(IReadOnlyList<IReadOnlyList<ScoredPaper>> rankings, int k, int limit) =>
        Fuse(rankings, [.. rankings.Select(_ => 1.0)], k, limit);

    /// <param name="weights">One per ranking: its share of every 1 / (k + rank) it gives.</param>
    public static IReadOnlyList<ScoredPaper> Fuse(IReadOnlyList<IReadOnlyList<ScoredPaper>> rankings, IReadOnlyList<double> weights, int k, int limit)
    {
        var fused = new Dictionary<long, double>();
        for (var r = 0; r < rankings.Count; r++)
        {
            var ranking = rankings[r];
            var weight = weights[r];
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var rowId = ranking[rank].RowId;
                fused[rowId] = fused.GetValueOrDefault(rowId) + weight / (k + rank + 1);
            }
        }
        return fused.Select(pair => new ScoredPaper(pair.Key, pair.Value))
            .OrderByDescending(p => p.Score).ThenBy(p => p.RowId)
            .Take(limit)
            .ToList();
    }
}
