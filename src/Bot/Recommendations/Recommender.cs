using Bot.Answers;
using Bot.Embeddings;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Recommendations;

/// <summary>
/// Picks papers for a user, or for a server's community, from their interests and feedback. Never
/// picks a paper the user saved, judged or dismissed, nor one shown already, except once when a newer
/// interest or feedback makes it a strong match (<see cref="UserProfile.MayReturn"/>); the server's popular
/// papers fill in when little is known (cold start); followed interests share the picks fairly, the picks
/// are diverse (MMR), and each says what really supports it (<see cref="PickSelection"/>).
/// </summary>
public sealed class Recommender(
    UserSignalStore signals,
    CandidatePoolCache pools,
    ActiveEmbeddingModel model,
    EmbeddingStore embeddings,
    IOptions<RecommendationOptions> options,
    Random random)
{
    private const int MostPapersPerSignal = 50;
    private const int PopularPapers = 200;

    /// <param name="among">
    /// When set, only these papers may be picked (a daily post's new papers): the ranking still scales
    /// every signal over what may be picked, so the count is filled whenever enough of them are unseen.
    /// A paper outside the candidate pool (<see cref="RecommendationOptions.MaxCandidates"/>, the newest) is not ranked.
    /// </param>
    public async Task<IReadOnlyList<Pick>> PicksForUserAsync(string userId, string? guildId, int count, CancellationToken cancellationToken,
        IReadOnlySet<long>? among = null) =>
        (await PicksForUsersAsync([(userId, guildId)], count, cancellationToken, among))[0];

    /// <summary>
    /// Picks for several users at once, as a daily run makes them: ranked together in one pass over the
    /// candidates' vectors (read once for all of them instead of once per user). Each user's picks are
    /// what <see cref="PicksForUserAsync"/> gives them.
    /// </summary>
    /// <param name="among">When set, only these papers may be picked, for every one of the users (as for <see cref="PicksForUserAsync"/>).</param>
    public async Task<IReadOnlyList<IReadOnlyList<Pick>>> PicksForUsersAsync(IReadOnlyList<(string UserId, string? GuildId)> users, int count,
        CancellationToken cancellationToken, IReadOnlySet<long>? among = null)
    {
        var profiles = new List<(UserProfile, IReadOnlyDictionary<long, int>)>(users.Count);
        var popularIn = new Dictionary<string, IReadOnlyDictionary<long, int>>(StringComparer.Ordinal);
        foreach (var (userId, guildId) in users)
        {
            var profile = signals.Profile(userId, model.ModelId, options.Value.RecentQuestions);
            if (await EmbedInterestsAsync(profile, cancellationToken))
            {
                profile = signals.Profile(userId, model.ModelId, options.Value.RecentQuestions);
            }
            if (string.IsNullOrEmpty(guildId))
            {
                profiles.Add((profile, new Dictionary<long, int>()));
                continue;
            }
            if (!popularIn.TryGetValue(guildId, out var popular))
            {
                popular = signals.Popular(guildId, PopularPapers);
                popularIn[guildId] = popular;
            }
            profiles.Add((profile, popular));
        }
        return Rank(profiles, forGroup: false, count, random, among);
    }

    /// <summary>
    /// A server's community picks: the members' interests and feedback together, the server's popular
    /// papers weighted higher, and nothing the server's channel was already shown (<see cref="UserSignalStore.GroupKey"/>).
    /// </summary>
    /// <param name="among">When set, only these papers may be picked (as for <see cref="PicksForUserAsync"/>).</param>
    public async Task<IReadOnlyList<Pick>> PicksForGroupAsync(IReadOnlyList<string> userIds, string guildId, int count, CancellationToken cancellationToken,
        IReadOnlySet<long>? among = null)
    {
        var profiles = new List<UserProfile>();
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            var profile = signals.Profile(userId, model.ModelId, 0);
            profiles.Add(await EmbedInterestsAsync(profile, cancellationToken) ? signals.Profile(userId, model.ModelId, 0) : profile);
        }
        var groupSeen = signals.Profile(UserSignalStore.GroupKey(guildId), model.ModelId, 0).Seen;
        var merged = new UserProfile(
            [.. profiles.SelectMany(p => p.Interests).DistinctBy(i => Digests.TitleKey.From(i.Text))],
            [.. profiles.SelectMany(p => p.Liked).Distinct()],
            [.. profiles.SelectMany(p => p.Disliked).Distinct()],
            [.. profiles.SelectMany(p => p.Dismissed).Distinct()],
            [.. profiles.SelectMany(p => p.Saved).Distinct()],
            groupSeen,
            []);
        return Rank([(merged, signals.Popular(guildId, PopularPapers))], forGroup: true, count, random, among)[0];
    }

    /// <summary>
    /// Ranks for a profile that need not be stored (the evaluation's simulated users); excludes only the
    /// profile's own papers. Interests without a vector are embedded here and not written anywhere.
    /// </summary>
    internal async Task<IReadOnlyList<Pick>> RankProfileAsync(UserProfile profile, int count, Random seeded, CancellationToken cancellationToken)
    {
        if (model.IsConfigured && profile.Interests.Any(i => i.Vector is null))
        {
            var vectors = await model.EmbedQueriesAsync([.. profile.Interests.Select(i => i.Text)], cancellationToken);
            profile = profile with { Interests = [.. profile.Interests.Select((interest, i) => interest with { Vector = vectors[i] })] };
        }
        return Rank([(profile, new Dictionary<long, int>())], forGroup: false, count, seeded)[0];
    }

    /// <summary>The pool's unit vectors for papers (reading the store for papers outside it); for the baseline of the evaluation.</summary>
    internal (CandidatePool Pool, IReadOnlyList<float[]> Vectors) PoolAndVectors(IReadOnlyList<long> rowIds)
    {
        var pool = pools.Get();
        return (pool, [.. ResolvePapers(pool, rowIds).Where(p => p.Vector is not null).Select(p => p.Vector!)]);
    }

    private IReadOnlyList<IReadOnlyList<Pick>> Rank(IReadOnlyList<(UserProfile Profile, IReadOnlyDictionary<long, int> Popular)> profiles, bool forGroup, int count,
        Random randomSource, IReadOnlySet<long>? among = null)
    {
        var settings = options.Value;
        var pool = pools.Get();
        var mayReturn = profiles.Select(p => p.Profile.MayReturn()).ToList();
        var inputs = profiles.Select((p, u) => Input(pool, p.Profile, p.Popular, forGroup, among, mayReturn[u])).ToList();
        var own = new Random[inputs.Count];
        lock (randomSource)
        {
            // Random is not thread-safe and a daily run ranks users in parallel: each ranking draws from its own, seeded from the injected one.
            for (var u = 0; u < own.Length; u++)
            {
                own[u] = new Random(randomSource.Next());
            }
        }
        count = Math.Clamp(count, 1, Math.Max(1, pool.Count));
        var keeps = inputs.Select((input, u) => PickSelection.Keep(count, input, mayReturn[u].Count)).ToList();
        var ranked = ProfileRanker.RankMany(pool, inputs, settings, own, PickDiversity.Shortlist(count), keeps);
        return [.. ranked.Select((r, u) => (IReadOnlyList<Pick>)[.. PickSelection.Select(pool, inputs[u], r, mayReturn[u], count, settings.MmrLambda)
            .Select(p => ToPick(pool.Papers[p.Candidate.Index], p.Candidate, p.Reason))])];
    }

    /// <param name="mayReturn">Shown papers left open to the ranking: <see cref="PickSelection"/> decides whether they come back.</param>
    private RankingInput Input(CandidatePool pool, UserProfile profile, IReadOnlyDictionary<long, int> popular, bool forGroup, IReadOnlySet<long>? among,
        IReadOnlyDictionary<long, DateTimeOffset> mayReturn) =>
        new(
            [.. profile.Interests.Select(i => new ProfileText(i.Text, LexicalIndex.Terms(i.Text), i.Vector is null ? null : pool.Unit(i.Vector), i.AddedAt))],
            ResolvePapers(pool, Recent(profile.Liked), profile.FeedbackAt),
            ResolvePapers(pool, Recent(profile.Saved), profile.FeedbackAt),
            ResolvePapers(pool, Recent(profile.Disliked)),
            ResolvePapers(pool, Recent(profile.Dismissed)),
            [.. profile.Questions.Select(q => new ProfileText(q, LexicalIndex.Terms(q), null))],
            popular,
            mayReturn.Count == 0 ? profile.Excluded : profile.Excluded.Where(r => !mayReturn.ContainsKey(r)),
            among,
            forGroup);

    private static Pick ToPick(CandidatePaper paper, RankedCandidate ranked, string reason) =>
        new(paper.RowId, paper.PaperId, paper.Title, paper.Abstract, paper.FirstSeen, paper.Link, Math.Round(ranked.Score, 4), reason);

    private static IReadOnlyList<long> Recent(IReadOnlyList<long> rowIds) =>
        rowIds.Count <= MostPapersPerSignal ? rowIds : [.. rowIds.Skip(rowIds.Count - MostPapersPerSignal)];

    /// <param name="at">When each paper was reacted to, where known.</param>
    private List<ProfilePaper> ResolvePapers(CandidatePool pool, IReadOnlyList<long> rowIds, IReadOnlyDictionary<long, DateTimeOffset>? at = null)
    {
        if (rowIds.Count == 0)
        {
            return [];
        }
        var outside = rowIds.Where(r => !pool.IndexOf.ContainsKey(r)).ToList();
        var texts = outside.Count == 0 ? new Dictionary<long, (string, string)>() : pools.Texts(outside);
        var vectors = outside.Count == 0 || !pool.HasVectors || model.ModelId is not { } modelId
            ? new Dictionary<long, float[]>()
            : embeddings.VectorsFor(modelId, outside);
        var papers = new List<ProfilePaper>(rowIds.Count);
        foreach (var rowId in rowIds)
        {
            if (pool.IndexOf.TryGetValue(rowId, out var index))
            {
                var paper = pool.Papers[index];
                papers.Add(new ProfilePaper(rowId, paper.Title, pool.Lexical.DistinctiveTerms(paper.Title, paper.Abstract, options.Value.PaperQueryTerms),
                    pool.HasVectors ? pool.Vector(index).ToArray() : null, At(rowId)));
            }
            else if (texts.TryGetValue(rowId, out var text))
            {
                papers.Add(new ProfilePaper(rowId, text.Item1, pool.Lexical.DistinctiveTerms(text.Item1, text.Item2, options.Value.PaperQueryTerms),
                    vectors.TryGetValue(rowId, out var vector) ? pool.Unit(vector) : null, At(rowId)));
            }
        }
        return papers;

        DateTimeOffset? At(long rowId) => at is not null && at.TryGetValue(rowId, out var time) ? time : null;
    }

    /// <summary>Interests followed before the model existed (or under another model) get their vector now, stored for next time.</summary>
    /// <returns>True when some were embedded (the profile is then read again).</returns>
    private async Task<bool> EmbedInterestsAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        if (model.ModelId is not { } modelId)
        {
            return false;
        }
        var missing = profile.Interests.Where(i => i.Vector is null).ToList();
        if (missing.Count == 0)
        {
            return false;
        }
        var vectors = await model.EmbedQueriesAsync([.. missing.Select(i => i.Text)], cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            signals.SetInterestVector(missing[i].Id, modelId, vectors[i]);
        }
        return true;
    }
}
