using System.ComponentModel.DataAnnotations;

namespace Bot.Search;

/// <summary>Ranking settings, bound from <c>Bot:Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Bot:Search";

    /// <summary>BM25 weight of a title match relative to an abstract match.</summary>
    [Range(0.0, 100.0)]
    public double TitleWeight { get; set; } = 2.0;

    /// <summary>How hybrid search merges the two rankings: <c>convex</c> (weighted, normalised scores) or <c>rrf</c> (reciprocal rank fusion).</summary>
    [RegularExpression("^(convex|rrf)$", ErrorMessage = "Bot:Search:Fusion must be convex or rrf")]
    public string Fusion { get; set; } = "convex";

    /// <summary>
    /// Weight of BM25 against the vector ranking in hybrid search (0..1). With all-MiniLM-L6-v2 the two
    /// are about equally good alone and best together at equal weight (docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double LexicalWeight { get; set; } = 0.5;

    /// <summary>The k of reciprocal rank fusion: larger flattens the difference between top ranks.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>How many candidates each ranking contributes to the fusion.</summary>
    [Range(10, 10_000)]
    public int FusionCandidates { get; set; } = 100;

    /// <summary>
    /// Query terms found in more than this share of papers are dropped from the BM25 query (their weight
    /// is near zero anyway), which keeps latency flat as the store grows. The rarest terms are always kept.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxTermDocumentShare { get; set; } = 0.2;

    /// <summary>
    /// At most this many matching papers are BM25-scored per query (FTS5 scores every match, so this
    /// bounds latency on a large store): terms are kept rarest first while their matches fit; when even
    /// the rarest term matches more, only the newest this many papers are scored. See docs/benchmarks.md.
    /// </summary>
    [Range(1000, 100_000_000)]
    public int MaxScoredRows { get; set; } = 10_000;

    [Range(1, 100)]
    public int MaxLimit { get; set; } = 50;

    /// <summary>
    /// Hybrid search shows a paper no word of the query matches only if its cosine reaches this; with no
    /// word matching anywhere and no vector that close, it finds nothing. A model's nearest neighbour always
    /// exists, even for "🤖🔥". Each model's cosines live in a range of their own, so unset means the
    /// active model's <see cref="Embeddings.ModelProfile.MinRelevantCosine"/>; 0 turns the check off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? MinVectorOnlyScore { get; set; }
}
