using System.Numerics.Tensors;

namespace Bot.Recommendations;

/// <summary>
/// Maximal marginal relevance over the best-ranked candidates: each next pick trades its score against
/// its cosine to the picks already made, so ten picks are not ten versions of one paper.
/// </summary>
internal static class PickDiversity
{
    /// <summary>How many of the best candidates the diversity step chooses among.</summary>
    public static int Shortlist(int count) => count * 5;

    public static List<RankedCandidate> Select(CandidatePool pool, IReadOnlyList<RankedCandidate> ranked, int count, double lambda)
    {
        var shortlist = ranked.Take(Shortlist(count)).ToList();
        if (!pool.HasVectors || lambda >= 1 || shortlist.Count <= count)
        {
            return shortlist.Take(count).ToList();
        }
        var top = shortlist[0].Score;
        var bottom = shortlist[^1].Score;
        var range = top > bottom ? top - bottom : 1;
        var picked = new List<RankedCandidate>(count);
        var redundancy = new double[shortlist.Count];
        var taken = new bool[shortlist.Count];
        while (picked.Count < count)
        {
            var bestIndex = -1;
            var bestValue = double.MinValue;
            for (var s = 0; s < shortlist.Count; s++)
            {
                if (taken[s])
                {
                    continue;
                }
                var value = lambda * (shortlist[s].Score - bottom) / range - (1 - lambda) * redundancy[s];
                if (value > bestValue)
                {
                    bestValue = value;
                    bestIndex = s;
                }
            }
            taken[bestIndex] = true;
            var chosen = shortlist[bestIndex];
            picked.Add(chosen);
            for (var s = 0; s < shortlist.Count; s++)
            {
                if (!taken[s])
                {
                    redundancy[s] = Math.Max(redundancy[s], TensorPrimitives.Dot(pool.Vector(shortlist[s].Index), pool.Vector(chosen.Index)));
                }
            }
        }
        return picked;
    }
}
