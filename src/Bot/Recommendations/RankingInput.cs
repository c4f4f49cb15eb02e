namespace Bot.Recommendations;

/// <summary>A paper a user acted on, ready for ranking: its distinctive words and unit vector (null without a model); At is when, where known.</summary>
internal sealed record ProfilePaper(long RowId, string Title, IReadOnlyDictionary<string, double> Terms, float[]? Vector, DateTimeOffset? At = null);

/// <summary>An interest (or a question) ready for ranking: its words and unit vector; At is when it was followed, where known.</summary>
internal sealed record ProfileText(string Text, IReadOnlyList<string> Terms, float[]? Vector, DateTimeOffset? At = null);

/// <summary>
/// A <see cref="UserProfile"/> resolved against a candidate pool: what the ranker scores with. For a
/// group, the members' signals together. <see cref="Excluded"/> are never picked; when <see cref="Among"/>
/// is set, only those papers may be.
/// </summary>
internal sealed record RankingInput(
    IReadOnlyList<ProfileText> Interests,
    IReadOnlyList<ProfilePaper> Liked,
    IReadOnlyList<ProfilePaper> Saved,
    IReadOnlyList<ProfilePaper> Disliked,
    IReadOnlyList<ProfilePaper> Dismissed,
    IReadOnlyList<ProfileText> Questions,
    IReadOnlyDictionary<long, int> Popular,
    IEnumerable<long> Excluded,
    IReadOnlySet<long>? Among,
    bool ForGroup = false)
{
    public int FeedbackCount => Liked.Count + Saved.Count + Disliked.Count + Dismissed.Count;
}

/// <summary>A candidate's place in the pool, its score, and the sentence saying why.</summary>
internal sealed record RankedCandidate(int Index, double Score, string Reason);
