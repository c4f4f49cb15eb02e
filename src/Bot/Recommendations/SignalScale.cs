namespace Bot.Recommendations;

/// <summary>
/// Puts one signal's values (a query's BM25 or cosines) on the scale every signal shares before they are
/// weighed: 0 at the open candidates' mean or below, 1 at <see cref="Deviations"/> standard deviations
/// above it, or at the best candidate when that is nearer (a few papers, or an even split: no value lies
/// that far out), clamped to [0, 1]. Min-max scaling let single papers set the range: all-MiniLM-L6-v2's
/// lowest cosine lies about four deviations below the mean, so an average paper scored about 0.6 and
/// the papers that matter were squeezed into the top third; BM25 was scaled by its second-highest score.
/// </summary>
internal readonly record struct SignalScale(double Mean, double Range)
{
    /// <summary>Standard deviations above the mean that score 1 (docs/benchmarks.md: 2.5-4 measured).</summary>
    public const double Deviations = 3;

    /// <summary>
    /// The scale of <paramref name="count"/> values with this sum, sum of squares and highest value; null
    /// when they are all (nearly) equal.
    /// </summary>
    public static SignalScale? Of(double sum, double sumOfSquares, int count, double max)
    {
        if (count <= 0)
        {
            return null;
        }
        var mean = sum / count;
        var meanSquare = sumOfSquares / count;
        var variance = meanSquare - mean * mean;
        // A spread below a millionth of the values' size is rounding, not signal.
        if (!(variance > 1e-12 * meanSquare) || max <= mean)
        {
            return null;
        }
        return new SignalScale(mean, Math.Min(Deviations * Math.Sqrt(variance), max - mean));
    }

    /// <summary>1 / <see cref="Range"/>: rankings apply a scale to every candidate, and a multiply costs a fraction of a divide.</summary>
    public double Inverse { get; } = 1 / Range;

    public double Apply(double value) => Math.Clamp((value - Mean) * Inverse, 0, 1);
}
