using System.Numerics.Tensors;
using Bot.Digests;
using Bot.Search;
using Bot.Store;

namespace Bot.Recommendations;

/// <summary>A simulated user: what they say they follow, papers they liked, and papers held out that they would like.</summary>
public sealed record SimulatedUser(string Id, string Interest, IReadOnlyList<string> Liked, IReadOnlyList<string> HeldOut);

/// <summary>Ranking quality of one mode: mean nDCG@10 and Recall@10 of the held-out papers.</summary>
public sealed record RecommendationMetrics(double NdcgAt10, double RecallAt10, int Users);

/// <summary>
/// Scores recommendations against simulated users: the held-out papers' places among all stored papers
/// except the liked ones, for the interest alone, the likes alone, both, and the baseline (cosine to the
/// mean of the liked papers' vectors, the zotero-arxiv-daily method) in the same harness. The ranker is
/// the one users get (defaults, diversity included); the regression's random negatives use a fixed
/// seed, so a run is repeatable.
/// </summary>
public sealed class RecommendationEvaluator(Recommender recommender, PaperStore store)
{
    public static readonly IReadOnlyList<string> Modes = ["interest", "likes", "both", "baseline"];
    private const int Cutoff = 10;
    private const int Seed = 6;

    public static IReadOnlyList<SimulatedUser> Load(string path) =>
        EvaluationFile.Read(path, "{\"uid\", \"interest\", \"liked\": [titles], \"heldout\": [titles]}", (root, id) => new SimulatedUser(
            root.TryGetProperty("uid", out var uid) ? uid.GetString() ?? id : id,
            root.GetProperty("interest").GetString() ?? "",
            [.. root.GetProperty("liked").EnumerateArray().Select(t => t.GetString() ?? "")],
            [.. root.GetProperty("heldout").EnumerateArray().Select(t => t.GetString() ?? "")]));

    /// <returns>Metrics per mode; the baseline only when an embedding model is configured.</returns>
    public async Task<IReadOnlyDictionary<string, RecommendationMetrics>> EvaluateAsync(IReadOnlyList<SimulatedUser> users, CancellationToken cancellationToken)
    {
        var resolved = Resolve(users);
        var results = new Dictionary<string, RecommendationMetrics>(StringComparer.Ordinal);
        foreach (var mode in Modes)
        {
            double ndcg = 0, recall = 0;
            var random = new Random(Seed);
            var scored = 0;
            foreach (var (user, liked, heldOut) in resolved)
            {
                var ranked = await RankAsync(mode, user, liked, random, cancellationToken);
                if (ranked is null)
                {
                    break;
                }
                var grades = heldOut.ToDictionary(r => r, _ => 1);
                ndcg += SearchEvaluator.Ndcg(ranked, grades, Cutoff);
                recall += grades.Count == 0 ? 0 : (double)ranked.Take(Cutoff).Count(grades.ContainsKey) / grades.Count;
                scored++;
            }
            if (scored == resolved.Count)
            {
                var n = Math.Max(1, scored);
                results[mode] = new RecommendationMetrics(ndcg / n, recall / n, scored);
            }
        }
        return results;
    }

    private async Task<IReadOnlyList<long>?> RankAsync(string mode, SimulatedUser user, IReadOnlyList<long> liked, Random random, CancellationToken cancellationToken)
    {
        if (mode == "baseline")
        {
            return Baseline(liked);
        }
        var interests = mode == "likes" ? [] : new[] { new Interest(0, user.Interest, null) };
        var likes = mode == "interest" ? [] : liked;
        // The liked papers are out of the ranking in every mode, as "seen".
        var profile = UserProfile.Empty with { Interests = interests, Liked = likes, Seen = liked.ToHashSet() };
        var picks = await recommender.RankProfileAsync(profile, Cutoff, random, cancellationToken);
        return [.. picks.Select(p => p.PaperRowId)];
    }

    private List<long>? Baseline(IReadOnlyList<long> liked)
    {
        var (pool, vectors) = recommender.PoolAndVectors(liked);
        if (!pool.HasVectors || vectors.Count == 0)
        {
            return null;
        }
        var mean = new float[pool.Dimensions];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }
        var likedSet = liked.ToHashSet();
        return [.. Enumerable.Range(0, pool.Count)
            .Where(i => !likedSet.Contains(pool.Papers[i].RowId))
            .Select(i => (pool.Papers[i].RowId, Score: TensorPrimitives.CosineSimilarity(pool.Vector(i), mean)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.RowId)
            .Take(Cutoff)
            .Select(x => x.RowId)];
    }

    private List<(SimulatedUser User, IReadOnlyList<long> Liked, IReadOnlyList<long> HeldOut)> Resolve(IReadOnlyList<SimulatedUser> users)
    {
        var missing = new List<string>();
        long? Find(string user, string title)
        {
            if (store.FindPaper(title) is { } paper && TitleKey.From(paper.Title) == TitleKey.From(title))
            {
                return paper.RowId;
            }
            missing.Add($"{user}: \"{title}\"");
            return null;
        }
        var resolved = users.Select(u => (u,
            (IReadOnlyList<long>)[.. u.Liked.Select(t => Find(u.Id, t)).OfType<long>()],
            (IReadOnlyList<long>)[.. u.HeldOut.Select(t => Find(u.Id, t)).OfType<long>()])).ToList();
        if (missing.Count > 0)
        {
            throw new EvaluationDataException(
                $"{missing.Count} titles match no stored paper (ingest the digests they come from first): {string.Join("; ", missing.Take(10))}");
        }
        return resolved;
    }
}
