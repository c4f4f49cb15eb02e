namespace Bot.Recommendations;

/// <summary>
/// From one profile's ranking to its picks: papers shown before come back only when a newer signal
/// supports them strongly, followed interests get fair shares, the picks are diverse
/// (<see cref="PickDiversity"/>), and each reason names what really supports it (<see cref="PickEvidence"/>).
/// The scan kernels stay as they are: all of this reads only the few best candidates.
/// </summary>
internal static class PickSelection
{
    /// <summary>Interests the shortlist widens for: each needs its own best candidates within reach, but a profile of twenty must not read the whole pool.</summary>
    private const int MostLanes = 4;

    /// <summary>How many ranked candidates to keep for a profile: enough that every interest and every candidate dropped on the way still leave a full shortlist.</summary>
    public static int Keep(int count, RankingInput input, int mayReturn) =>
        Shortlist(count, input) * (mayReturn > 0 ? 2 : 1);

    /// <param name="mayReturn">Shown papers that may come back, with when each was shown (<see cref="UserProfile.MayReturn"/>).</param>
    public static List<(RankedCandidate Candidate, string Reason)> Select(CandidatePool pool, RankingInput input, IReadOnlyList<RankedCandidate> ranked,
        IReadOnlyDictionary<long, DateTimeOffset> mayReturn, int count, double lambda)
    {
        var evidence = new PickEvidence(pool, input, ranked);
        var open = mayReturn.Count == 0 ? ranked : ranked.Where(r =>
            !mayReturn.TryGetValue(pool.Papers[r.Index].RowId, out var shown) || evidence.StrongSince(r.Index, shown));
        var shortlist = open.Take(Shortlist(count, input)).ToList();
        // One interest has nothing to share with; its ranking is kept exactly as it was.
        PickDiversity.Lanes? lanes = null;
        if (input.Interests.Count >= 2)
        {
            var of = shortlist.Select(r => evidence.Lane(r.Index)).ToArray();
            // A candidate an interest supports is not loose: only the others need their liked papers checked.
            lanes = new(of, input.Interests.Count, [.. shortlist.Select((r, s) => of[s] < 0 && evidence.Loose(r))]);
        }
        return [.. PickDiversity.Select(pool, shortlist, count, lambda, lanes).Select(p => (p, evidence.Reason(p)))];
    }

    private static int Shortlist(int count, RankingInput input) =>
        PickDiversity.Shortlist(count) * Math.Clamp(input.Interests.Count, 1, MostLanes);
}
