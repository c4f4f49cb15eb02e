using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

/// <summary>
/// The fast ranker (batched scan, dense passes, reused arrays) against <see cref="ReferenceProfileRanker"/>,
/// the one-profile-at-a-time ranker it replaced, on seeded synthetic pools: the same candidates in the
/// same order with the same reasons, scores equal up to the cosines' float rounding.
/// </summary>
public sealed class ProfileRankerTests
{
    private const int Keep = 25;

    private static readonly string[] Words =
    [
        "model", "language", "learning", "vision", "agent", "reasoning", "diffusion", "video", "robot", "graph",
        "retrieval", "benchmark", "speech", "protein", "policy", "reward", "token", "sparse", "attention", "memory",
        "planning", "image", "audio", "code", "math", "safety", "alignment", "quantum", "medical", "chemistry",
    ];

    [Theory]
    [InlineData(64, 600, false)]
    [InlineData(64, 600, true)]
    [InlineData(40, 300, false)]
    public void RankMany_SeededProfiles_SameAsTheReferenceRanker(int dimensions, int papers, bool restricted)
    {
        var random = new Random(dimensions + papers);
        var pool = Pool(random, papers, dimensions);
        var among = restricted ? pool.Papers.Where((_, i) => i % 3 == 0).Select(p => p.RowId).ToHashSet() : null;
        var inputs = Enumerable.Range(0, 24).Select(u => Input(new Random(1000 + u), pool, among, forGroup: u % 7 == 0)).ToList();
        var options = new RecommendationOptions();

        var fast = ProfileRanker.RankMany(pool, inputs, options, [.. inputs.Select((_, u) => new Random(u))], Keep);

        for (var u = 0; u < inputs.Count; u++)
        {
            var expected = ReferenceProfileRanker.Rank(pool, inputs[u], options, new Random(u), Keep);
            Assert.Equal(expected.Select(r => r.Index), fast[u].Select(r => r.Index));
            Assert.Equal(expected.Select(r => r.Reason), fast[u].Select(r => r.Reason));
            Assert.All(expected.Zip(fast[u]), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-5));
        }
    }

    [Fact]
    public void RankMany_Batch_SameAsEachProfileAlone()
    {
        var random = new Random(5);
        var pool = Pool(random, 800, 64);
        var inputs = Enumerable.Range(0, 10).Select(u => Input(new Random(50 + u), pool, among: null, forGroup: false)).ToList();
        var options = new RecommendationOptions();

        var together = ProfileRanker.RankMany(pool, inputs, options, [.. inputs.Select((_, u) => new Random(u))], Keep);

        for (var u = 0; u < inputs.Count; u++)
        {
            var alone = ProfileRanker.Rank(pool, inputs[u], options, new Random(u), Keep);
            Assert.Equal(alone, together[u]);
        }
    }

    [Fact]
    public void RankMany_EverythingExcluded_NothingRanked()
    {
        var pool = Pool(new Random(3), 50, 64);
        var input = Input(new Random(4), pool, among: null, forGroup: false) with { Excluded = [.. pool.Papers.Select(p => p.RowId)] };

        var ranked = ProfileRanker.RankMany(pool, [input, input with { Excluded = [] }], new RecommendationOptions(), [new Random(1), new Random(2)], Keep);

        Assert.Empty(ranked[0]);
        Assert.Equal(Keep, ranked[1].Count);
    }

    [Fact]
    public void RankMany_NoProfiles_NothingRanked()
    {
        Assert.Empty(ProfileRanker.RankMany(Pool(new Random(3), 50, 64), [], new RecommendationOptions(), [], Keep));
    }

    [Fact]
    public void RankMany_DifferentPaperSets_Refused()
    {
        var pool = Pool(new Random(3), 50, 64);
        var input = Input(new Random(4), pool, among: null, forGroup: false);

        Assert.Throws<ArgumentException>(() =>
            ProfileRanker.RankMany(pool, [input, input with { Among = new HashSet<long> { pool.Papers[0].RowId } }], new RecommendationOptions(), [new Random(1), new Random(2)], Keep));
    }

    /// <summary>Papers of common and rare words (see <see cref="Text"/>), random unit vectors, ten digest days.</summary>
    private static CandidatePool Pool(Random random, int papers, int dimensions)
    {
        var rows = new List<CandidatePaper>(papers);
        var vectors = new float[papers * dimensions];
        var newest = new DateOnly(2026, 3, 1);
        for (var i = 0; i < papers; i++)
        {
            var day = newest.AddDays(-random.Next(10));
            rows.Add(new CandidatePaper(i + 1, $"2603.{i:D5}", Text(random, 6), Text(random, 40), day, day, null));
            var vector = vectors.AsSpan(i * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = (float)(random.NextDouble() * 2 - 1);
            }
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
        return new CandidatePool(rows, dimensions, vectors);
    }

    /// <summary>Half common words (in most papers: their BM25 is scored densely), half from a long tail of rare ones (scored over their postings).</summary>
    private static string Text(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(2) == 0 ? Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 2))] : Rare(random.Next(3000))));

    private static string Rare(int n) => "rare" + (char)('a' + n % 26) + (char)('a' + n / 26 % 26) + (char)('a' + n / 676);

    /// <summary>1-3 interests, 0-6 liked, 0-2 saved, 0-2 disliked, 0-2 dismissed, a question sometimes, a few popular papers and 0-20 seen.</summary>
    private static RankingInput Input(Random random, CandidatePool pool, IReadOnlySet<long>? among, bool forGroup)
    {
        var options = new RecommendationOptions();
        ProfilePaper Paper(int i)
        {
            var paper = pool.Papers[i];
            return new ProfilePaper(paper.RowId, paper.Title, pool.Lexical.DistinctiveTerms(paper.Title, paper.Abstract, options.PaperQueryTerms), pool.Vector(i).ToArray());
        }
        List<ProfilePaper> Papers(int most) => [.. Enumerable.Range(0, random.Next(most + 1)).Select(_ => Paper(random.Next(pool.Count)))];
        var interests = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var text = Text(random, random.Next(2, 5));
            return new ProfileText(text, LexicalIndex.Terms(text), pool.Unit(pool.Vector(random.Next(pool.Count))));
        }).ToList();
        var liked = Papers(6);
        var saved = Papers(2);
        var disliked = Papers(2);
        var dismissed = Papers(2);
        var question = "how does " + Text(random, 3) + " work";
        List<ProfileText> questions = random.Next(3) == 0 ? [new ProfileText(question, LexicalIndex.Terms(question), null)] : [];
        var popular = Enumerable.Range(0, random.Next(4)).Select(_ => pool.Papers[random.Next(pool.Count)].RowId).Distinct().ToDictionary(r => r, _ => random.Next(1, 5));
        var seen = Enumerable.Range(0, random.Next(21)).Select(_ => pool.Papers[random.Next(pool.Count)].RowId).ToList();
        var excluded = seen.Concat(liked.Concat(saved).Concat(disliked).Concat(dismissed).Select(p => p.RowId)).ToList();
        return new RankingInput(interests, liked, saved, disliked, dismissed, questions, popular, excluded, among, forGroup);
    }
}
