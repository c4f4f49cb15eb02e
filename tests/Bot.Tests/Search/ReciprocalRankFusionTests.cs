using Bot.Search;

namespace Bot.Tests.Search;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_TwoRankings_AddsOneOverKPlusRank()
    {
        IReadOnlyList<ScoredPaper> lexical = [new(1, 9.0), new(2, 5.0), new(3, 1.0)];
        IReadOnlyList<ScoredPaper> vector = [new(3, 0.9), new(1, 0.8)];

        var fused = ReciprocalRankFusion.Fuse([lexical, vector], k: 60, limit: 10);

        Assert.Equal([1L, 3L, 2L], fused.Select(p => p.RowId));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 1e-12);
        Assert.Equal(1.0 / 63 + 1.0 / 61, fused[1].Score, 1e-12);
        Assert.Equal(1.0 / 62, fused[2].Score, 1e-12);
    }

    [Fact]
    public void Fuse_Limit_KeepsOnlyTheBest()
    {
        IReadOnlyList<ScoredPaper> lexical = [new(1, 9.0), new(2, 5.0), new(3, 1.0)];
        IReadOnlyList<ScoredPaper> vector = [new(3, 0.9), new(1, 0.8)];

        var fused = ReciprocalRankFusion.Fuse([lexical, vector], k: 60, limit: 2);

        Assert.Equal([1L, 3L], fused.Select(p => p.RowId));
    }

    [Fact]
    public void Fuse_EqualScores_BreaksTiesByRowId()
    {
        var fused = ReciprocalRankFusion.Fuse([[new ScoredPaper(7, 1)], [new ScoredPaper(5, 1)]], k: 1, limit: 10);

        Assert.Equal([5L, 7L], fused.Select(p => p.RowId));
        Assert.All(fused, p => Assert.Equal(0.5, p.Score, 1e-12));
    }

    [Fact]
    public void Fuse_NoRankings_IsEmpty()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([], k: 60, limit: 10));
        Assert.Empty(ReciprocalRankFusion.Fuse([[], []], k: 60, limit: 10));
    }
}
