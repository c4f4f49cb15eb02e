namespace Bot.Recommendations;

/// <summary>One interest a user follows; its vector is null without a model (or before it is embedded). AddedAt is null outside the store.</summary>
public sealed record Interest(long Id, string Text, float[]? Vector, DateTimeOffset? AddedAt = null);

/// <summary>When a paper was first shown to a user, and whether it has already come back once since.</summary>
public sealed record ShownPaper(DateTimeOffset At, bool Returned);

/// <summary>
/// Everything the ranker knows about one user (or a group of users): what they follow, what they did
/// with papers, and what they asked. Built from the store for real users, and from an evaluation file
/// for simulated ones.
/// </summary>
public sealed record UserProfile(
    IReadOnlyList<Interest> Interests,
    IReadOnlyList<long> Liked,
    IReadOnlyList<long> Disliked,
    IReadOnlyList<long> Dismissed,
    IReadOnlyList<long> Saved,
    IReadOnlySet<long> Seen,
    IReadOnlyList<string> Questions)
{
    public static UserProfile Empty { get; } = new([], [], [], [], [], new HashSet<long>(), []);

    /// <summary>The papers of <see cref="Seen"/> with when they were shown; empty outside the store (then nothing shown comes back).</summary>
    public IReadOnlyDictionary<long, ShownPaper> Shown { get; init; } = new Dictionary<long, ShownPaper>();

    /// <summary>When each paper of the feedback lists was last reacted to; empty outside the store.</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> FeedbackAt { get; init; } = new Dictionary<long, DateTimeOffset>();

    /// <summary>Papers never to recommend again: shown, saved, dismissed, or already judged (a ranking marks them in its pool).</summary>
    public IEnumerable<long> Excluded => Seen.Concat(Liked).Concat(Disliked).Concat(Dismissed).Concat(Saved);

    /// <summary>
    /// Shown papers that may come back once, each with when it was shown: never reacted to, not back
    /// already, and some interest or feedback is newer than the showing (a pick made before the user said
    /// what they follow must not use up the best matches for good). Whether one does come back is the
    /// ranking's call: only when that newer signal makes it a strong match.
    /// </summary>
    public IReadOnlyDictionary<long, DateTimeOffset> MayReturn()
    {
        var latest = Interests.Select(i => i.AddedAt).Concat(FeedbackAt.Values.Select(t => (DateTimeOffset?)t)).Max();
        if (latest is null)
        {
            return new Dictionary<long, DateTimeOffset>();
        }
        var reacted = Liked.Concat(Disliked).Concat(Dismissed).Concat(Saved).ToHashSet();
        return Shown.Where(s => !s.Value.Returned && s.Value.At < latest && !reacted.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value.At);
    }

    public int FeedbackCount => Liked.Count + Disliked.Count + Dismissed.Count + Saved.Count;
}
