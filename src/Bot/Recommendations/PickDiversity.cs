using System.Numerics.Tensors;

namespace Bot.Recommendations;

/// <summary>
/// Maximal marginal relevance over the best-ranked candidates: each next pick trades its score against
/// its cosine to the picks already made, so ten picks are not ten versions of one paper. With lanes
/// (one per followed interest), each lane is also held a fair share of the picks.
/// </summary>
internal static class PickDiversity
{
    /// <summary>
    /// Per shortlisted candidate, the interest it counts toward (-1: none) of <paramref name="Count"/>, and
    /// whether it is <see cref="PickEvidence.Loose"/>: with several interests, a loose candidate is picked
    /// only when no supported one is left, since the scale of an interest with nothing near it still
    /// rates its nearest paper a full match.
    /// </summary>
    public sealed record Lanes(int[] Of, int Count, bool[] Loose);

    /// <summary>How many of the best candidates the diversity step chooses among.</summary>
    public static int Shortlist(int count) => count * 5;

    /// <param name="lanes">Fair shares among followed interests; null for none.</param>
    public static List<RankedCandidate> Select(CandidatePool pool, IReadOnlyList<RankedCandidate> ranked, int count, double lambda,
        Lanes? lanes = null)
    {
        var shortlist = ranked.Take(lanes is null ? Shortlist(count) : ranked.Count).ToList();
        var diverse = pool.HasVectors && lambda < 1;
        if (lanes is null && (!diverse || shortlist.Count <= count))
        {
            return shortlist.Take(count).ToList();
        }
        var top = shortlist.Count == 0 ? 0 : shortlist[0].Score;
        var bottom = shortlist.Count == 0 ? 0 : shortlist[^1].Score;
        var range = top > bottom ? top - bottom : 1;
        var picked = new List<RankedCandidate>(count);
        var redundancy = new double[shortlist.Count];
        var taken = new bool[shortlist.Count];
        var shares = lanes is null ? null : new FairShare(lanes.Of, lanes.Count, count);
        var looseLeft = lanes?.Loose.Count(l => l) ?? 0;
        while (picked.Count < Math.Min(count, shortlist.Count))
        {
            var bestIndex = -1;
            var bestValue = double.MinValue;
            var reserved = shares?.Reserved(taken, count - picked.Count) ?? false;
            var supportedLeft = lanes is not null && shortlist.Count - picked.Count - looseLeft > 0;
            for (var s = 0; s < shortlist.Count; s++)
            {
                if (taken[s] || (reserved && !shares!.Owed(s)) || (supportedLeft && lanes!.Loose[s]))
                {
                    continue;
                }
                var value = lambda * (shortlist[s].Score - bottom) / range - (diverse ? (1 - lambda) * redundancy[s] : 0);
                if (value > bestValue)
                {
                    bestValue = value;
                    bestIndex = s;
                }
            }
            taken[bestIndex] = true;
            shares?.Took(bestIndex);
            looseLeft -= lanes?.Loose[bestIndex] == true ? 1 : 0;
            var chosen = shortlist[bestIndex];
            picked.Add(chosen);
            for (var s = 0; diverse && s < shortlist.Count; s++)
            {
                if (!taken[s])
                {
                    redundancy[s] = Math.Max(redundancy[s], TensorPrimitives.Dot(pool.Vector(shortlist[s].Index), pool.Vector(chosen.Index)));
                }
            }
        }
        return picked;
    }

    /// <summary>
    /// Each of n followed interests is owed count / n picks (rounded down), but only from candidates that
    /// really support it (<see cref="PickEvidence.Lane"/>): an interest with nothing good owes nothing, so
    /// its slots go to the best candidates of any lane. Picks are free by score and diversity until the
    /// slots left are just enough for what is still owed; from then on only owed lanes may pick. Without
    /// this, scores on one scale still let the interest with more close papers take every slot.
    /// </summary>
    private sealed class FairShare(int[] laneOf, int lanes, int count)
    {
        private readonly int[] _picks = new int[lanes];
        private readonly int _share = count / Math.Max(1, lanes);

        public bool Owed(int s) => laneOf[s] >= 0 && _picks[laneOf[s]] < _share;

        public void Took(int s)
        {
            if (laneOf[s] >= 0)
            {
                _picks[laneOf[s]]++;
            }
        }

        /// <summary>True when every slot left must go to an owed lane: what is owed (by lanes with a candidate left) fills them.</summary>
        public bool Reserved(bool[] taken, int slotsLeft)
        {
            var owed = 0;
            for (var lane = 0; lane < lanes; lane++)
            {
                var left = 0;
                for (var s = 0; s < laneOf.Length; s++)
                {
                    left += !taken[s] && laneOf[s] == lane ? 1 : 0;
                }
                owed += Math.Min(left, Math.Max(0, _share - _picks[lane]));
            }
            return owed > 0 && owed >= slotsLeft;
        }
    }
}
