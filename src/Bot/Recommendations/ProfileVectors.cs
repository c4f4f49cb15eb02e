namespace Bot.Recommendations;

/// <summary>
/// A profile's vectors (its interests', its liked, saved and judged papers', and the fitted preference's
/// weights) as rows of a batch's one scan: rows <see cref="Rows"/>.First onwards, found by reference.
/// </summary>
internal sealed class ProfileVectors
{
    private readonly Dictionary<float[], int> _rows = new(ReferenceEqualityComparer.Instance);

    private ProfileVectors(float[]? preference, int first)
    {
        Preference = preference;
        Rows = (first, 0);
    }

    /// <summary>The regression's weights without the bias (null without feedback or a model).</summary>
    public float[]? Preference { get; }

    public (int First, int Count) Rows { get; private set; }

    /// <summary>The scan row holding a vector's cosines; -1 for none (no vector, or a wrong size).</summary>
    public int RowOf(float[]? vector) => vector is not null && _rows.TryGetValue(vector, out var row) ? row : -1;

    /// <summary>Appends the profile's distinct vectors to <paramref name="batch"/>, the list one scan will score.</summary>
    public static ProfileVectors For(CandidatePool pool, RankingInput input, float[]? preference, List<float[]> batch)
    {
        var profile = new ProfileVectors(preference, batch.Count);
        if (!pool.HasVectors)
        {
            return profile;
        }
        var vectors = input.Interests.Select(i => i.Vector)
            .Concat(input.Liked.Concat(input.Saved).Concat(input.Disliked).Concat(input.Dismissed).Select(p => p.Vector))
            .Append(preference)
            .OfType<float[]>().Where(v => v.Length == pool.Dimensions);
        foreach (var vector in vectors)
        {
            if (profile._rows.TryAdd(vector, batch.Count))
            {
                batch.Add(vector);
            }
        }
        profile.Rows = (profile.Rows.First, batch.Count - profile.Rows.First);
        return profile;
    }
}
