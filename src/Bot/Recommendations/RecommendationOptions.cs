using System.ComponentModel.DataAnnotations;

namespace Bot.Recommendations;

/// <summary>Settings of <c>Bot:Recommendations</c>: what is ranked, and how the signals are weighed.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Bot:Recommendations";

    /// <summary>Papers considered per ranking: the newest by last appearance (a daily pick is about new papers).</summary>
    [Range(10, 1_000_000)]
    public int MaxCandidates { get; set; } = 5000;

    /// <summary>
    /// Weight of BM25 matching of the interest statements (and, weakly, of questions asked). The four
    /// matching weights are equal: every signal is on one scale (<see cref="SignalScale"/>), and weights
    /// fitted to the 11 dev users did not hold up under leave-one-user-out (docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 10.0)]
    public double InterestLexicalWeight { get; set; } = 1.0;

    /// <summary>Weight of embedding similarity to the interest statements.</summary>
    [Range(0.0, 10.0)]
    public double InterestVectorWeight { get; set; } = 1.0;

    /// <summary>Weight of BM25 matching of liked and saved papers' distinctive words.</summary>
    [Range(0.0, 10.0)]
    public double LikedLexicalWeight { get; set; } = 1.0;

    /// <summary>
    /// Distinctive words of a liked or saved paper that make up its "more like this" query. With the
    /// embedding's cosine carrying the paper's topic, its rarest words add the most; 25-40 words reach its
    /// generic ones (docs/benchmarks.md: 8-20 measured alike or better than 25, 30-40 worse).
    /// </summary>
    [Range(1, 200)]
    public int PaperQueryTerms { get; set; } = 15;

    /// <summary>
    /// Per signal (interests, liked papers), how a candidate's matches combine: 1 counts only its best
    /// match, 0 the mean over all (a paper near several of the user's papers above one near a single one).
    /// </summary>
    [Range(0.0, 1.0)]
    public double BestMatchShare { get; set; } = 0.5;

    /// <summary>Weight of embedding similarity to liked and saved papers.</summary>
    [Range(0.0, 10.0)]
    public double LikedVectorWeight { get; set; } = 1.0;

    /// <summary>Weight of the per-user logistic regression once it has enough feedback (it grows with feedback).</summary>
    [Range(0.0, 10.0)]
    public double PreferenceWeight { get; set; } = 0.5;

    /// <summary>Explicit feedback (likes, dislikes, dismissals, saves) at which the regression weighs half its full weight.</summary>
    [Range(1, 1000)]
    public int PreferenceHalfFeedback { get; set; } = 10;

    /// <summary>Random papers sampled as negatives per positive when fitting the regression.</summary>
    [Range(1, 100)]
    public int NegativeSamples { get; set; } = 4;

    /// <summary>L2 regularisation of the regression.</summary>
    [Range(0.0, 100.0)]
    public double Regularization { get; set; } = 1.0;

    /// <summary>Weight of a paper's popularity in the server (likes and saves there), for everyone.</summary>
    [Range(0.0, 10.0)]
    public double PopularityWeight { get; set; } = 0.15;

    /// <summary>Weight of the recency prior: newer digests first, all else equal.</summary>
    [Range(0.0, 10.0)]
    public double RecencyWeight { get; set; } = 0.05;

    /// <summary>Age in days at which the recency prior halves.</summary>
    [Range(0.1, 3650)]
    public double RecencyHalfLifeDays { get; set; } = 7;

    /// <summary>How much a paper close to a dismissed or disliked one is lowered (times its similarity above <see cref="DismissSimilarity"/>).</summary>
    [Range(0.0, 10.0)]
    public double DismissPenalty { get; set; } = 2.0;

    /// <summary>
    /// Similarity to a dismissed or disliked paper above which the penalty starts, on the signals' scale
    /// (<see cref="SignalScale"/>: 0 at the candidates' mean, 1 at three standard deviations above it or at
    /// the most similar candidate when that is nearer).
    /// </summary>
    [Range(0.0, 0.99)]
    public double DismissSimilarity { get; set; } = 0.5;

    /// <summary>Diversity of the picks (maximal marginal relevance): 1 is pure relevance.</summary>
    [Range(0.0, 1.0)]
    public double MmrLambda { get; set; } = 0.8;

    /// <summary>Most picks one <c>/recommend</c> returns.</summary>
    [Range(1, 25)]
    public int MaxPicks { get; set; } = 10;

    /// <summary>Most interests one user may follow.</summary>
    [Range(1, 100)]
    public int MaxInterests { get; set; } = 20;

    /// <summary>Longest interest statement, in characters.</summary>
    [Range(10, 1000)]
    public int MaxInterestLength { get; set; } = 200;

    /// <summary>Questions asked (the most recent) that count as a weak interest.</summary>
    [Range(0, 100)]
    public int RecentQuestions { get; set; } = 5;
}
