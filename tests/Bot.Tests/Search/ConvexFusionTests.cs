using Bot.Search;

namespace Bot.Tests.Search;

public sealed class ConvexFusionTests
{
    [Fact]
    public void Fuse_TwoRankings_WeighsNormalisedScores()
    {
        // BM25: a 10, b 5 → 1.0, 0.5. Cosine: b 0.9, c 0.5, a 0.1 → min-max 1.0, 0.5, 0.0.
        IReadOnlyList<ScoredPaper> lexical = [new(1, 10), new(2, 5)];
        IReadOnlyList<ScoredPaper> semantic = [new(2, 0.9), new(3, 0.5), new(1, 0.1)];

        var fused = ConvexFusion.Fuse(lexical, semantic, lexicalWeight: 0.8, limit: 3);

        Assert.Equal([1L, 2L, 3L], fused.Select(p => p.RowId));
        Assert.Equal(0.8, fused[0].Score, 9);         // 0.8·1.0 + 0.2·0.0
        Assert.Equal(0.8 * 0.5 + 0.2, fused[1].Score, 9);
        Assert.Equal(0.2 * 0.5, fused[2].Score, 9);
    }

    [Fact]
    public void Fuse_EmptyLexical_RanksBySemanticAlone()
    {
        var fused = ConvexFusion.Fuse([], [new(7, 0.3), new(8, 0.6)], 0.8, 10);

        Assert.Equal([8L, 7L], fused.Select(p => p.RowId));
    }
}
