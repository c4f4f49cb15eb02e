namespace Bot.Recommendations;

/// <summary>One interest a user follows; its vector is null without a model (or before it is embedded).</summary>
public sealed record Interest(long Id, string Text, float[]? Vector);

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

    /// <summary>Papers never to recommend again: shown, saved, dismissed, or already judged (a ranking marks them in its pool).</summary>
    public IEnumerable<long> Excluded => Seen.Concat(Liked).Concat(Disliked).Concat(Dismissed).Concat(Saved);

    public int FeedbackCount => Liked.Count + Disliked.Count + Dismissed.Count + Saved.Count;
}
