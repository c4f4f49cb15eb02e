using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bot.Recommendations;

/// <summary>
/// The kinds of signal a ranking adds besides BM25 (<see cref="Lexical"/>): groups of vector queries,
/// dense per-candidate values, single papers, and the penalty near judged papers. They run eight
/// candidates at a time in doubles, the same arithmetic in the same order as one at a time.
/// </summary>
internal sealed partial class ScoreBoard
{
    /// <summary>
    /// A group of vector queries (this profile's scan rows, -1 for a query without a vector): each query's
    /// cosines are put on the signals' common scale over the open candidates (<see cref="SignalScale"/>),
    /// then blended as BM25 queries are.
    /// </summary>
    /// <param name="keepNearest">Keep each candidate's best query for <see cref="NearestKept"/>.</param>
    public void Vector(IReadOnlyList<int> rows, double weight, double bestMatchShare, int first, bool keepNearest)
    {
        var present = new List<(long Query, int Row, double Mean, double Inverse)>(rows.Count);
        for (var q = 0; q < rows.Count; q++)
        {
            if (rows[q] >= 0 && _scales[rows[q]] is { } scale)
            {
                present.Add((q, rows[q], scale.Mean, scale.Inverse));
            }
        }
        var nearest = keepNearest ? _nearestKept : _nearest;
        var share = Vector512.Create(bestMatchShare);
        var restPerQuery = Vector512.Create((1 - bestMatchShare) / rows.Count);
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            Vector512<double> best = Vector512<double>.Zero, sum = Vector512<double>.Zero;
            var near = Vector512<long>.Zero;
            foreach (var (query, row, mean, inverse) in present)
            {
                var value = Scale(Cosines(row, k), mean, inverse);
                sum += value;
                var better = Vector512.GreaterThan(value, best);
                best = Vector512.ConditionalSelect(better, value, best);
                near = Vector512.ConditionalSelect(better.AsInt64(), Vector512.Create(query), near);
            }
            near.StoreUnsafe(ref nearest[k]);
            ContributeEight(k, weight * (share * best + sum * restPerQuery), Vector512.Create((long)first) + near);
        }
        for (; k < Count; k++)
        {
            double best = 0, sum = 0;
            long near = 0;
            foreach (var (query, row, mean, inverse) in present)
            {
                var value = Math.Clamp((_cosines[row * Count + k] - mean) * inverse, 0, 1);
                sum += value;
                if (value > best)
                {
                    (best, near) = (value, query);
                }
            }
            nearest[k] = near;
            Contribute(k, weight * Blend(bestMatchShare, best, sum, rows.Count), first + near);
        }
    }

    /// <summary>Each candidate's best query in the last group scored with keepNearest (the liked and saved papers): the regression's reasons name it.</summary>
    public long[] NearestKept => _nearestKept;

    /// <summary>One vector query's cosines on the signals' common scale (<see cref="SignalScale"/>), into a scratch the next call overwrites.</summary>
    public double[] Scaled(int row)
    {
        var scaled = _scaled;
        if (_scales[row] is not { } scale)
        {
            Array.Clear(scaled, 0, Count);
            return scaled;
        }
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            Scale(Cosines(row, k), scale.Mean, scale.Inverse).StoreUnsafe(ref scaled[k]);
        }
        for (; k < Count; k++)
        {
            scaled[k] = scale.Apply(_cosines[row * Count + k]);
        }
        return scaled;
    }

    /// <summary>A value per candidate (by slot) times <paramref name="weight"/>; the reason is <paramref name="first"/> plus the candidate's offset, when given.</summary>
    public void Dense(double[] values, double weight, int first, long[]? offsets)
    {
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            var reason = Vector512.Create((long)first) + (offsets is null ? Vector512<long>.Zero : Vector512.LoadUnsafe(ref offsets[k]));
            ContributeEight(k, weight * Vector512.LoadUnsafe(ref values[k]), reason);
        }
        for (; k < Count; k++)
        {
            Contribute(k, weight * values[k], first + (offsets?[k] ?? 0));
        }
    }

    /// <summary>
    /// "Not interested" and 👎 lower papers like the judged one: its words by BM25 and its vector (scan
    /// row, or -1), each on the signals' common scale (<see cref="SignalScale"/>), averaged; similarity
    /// above the threshold costs score.
    /// </summary>
    public void Penalise(IEnumerable<string> terms, IReadOnlyDictionary<string, double> weights, int row, double penalty, double threshold)
    {
        // Dense: the penalty pass reads every candidate anyway, and a paper's distinctive words reach tens of thousands of papers.
        var hasLexical = pool.Lexical.Postings(terms) > 0;
        var scores = LexicalRow(0);
        SignalScale? words = null;
        if (hasLexical)
        {
            DenseScores(terms, weights, scores);
            words = DenseScale(scores);
        }
        var hasVector = row >= 0;
        var vectorScale = hasVector ? _scales[row] : null;
        var parts = (hasLexical ? 1 : 0) + (hasVector ? 1 : 0);
        // Divisions hoisted out of the pass: the mean of the parts, and the share of the way from the threshold to 1.
        var perPart = parts == 0 ? 0 : 1.0 / parts;
        var perExcess = penalty / (1 - threshold + 1e-9);
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            // A part that is absent is 0, so adding it leaves the sum as the branch did.
            var lexical = words is { } w ? Scale(Vector512.LoadUnsafe(ref scores[k]), w.Mean, w.Inverse) : Vector512<double>.Zero;
            Vector512<double>.Zero.StoreUnsafe(ref scores[k]);
            if (parts == 0)
            {
                continue;
            }
            var vector = vectorScale is { } v ? Scale(Cosines(row, k), v.Mean, v.Inverse) : Vector512<double>.Zero;
            var similarity = (lexical + vector) * perPart;
            var total = Vector512.LoadUnsafe(ref _total[k]);
            (total - perExcess * Vector512.Max(Vector512<double>.Zero, similarity - Vector512.Create(threshold))).StoreUnsafe(ref _total[k]);
        }
        for (; k < Count; k++)
        {
            var lexical = words?.Apply(scores[k]) ?? 0;
            scores[k] = 0;
            if (parts == 0)
            {
                continue;
            }
            var vector = vectorScale?.Apply(_cosines[row * Count + k]) ?? 0;
            var similarity = (lexical + vector) * perPart;
            _total[k] -= perExcess * Math.Max(0, similarity - threshold);
        }
    }

    /// <summary>A scan row's sum and sum of squares over every slot, in doubles and in one pass (TensorPrimitives' Sum and SumOfSquares would read the row twice, adding in floats).</summary>
    private (double Sum, double Squares) RowSums(int row)
    {
        Vector512<double> sum = Vector512<double>.Zero, squares = Vector512<double>.Zero;
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            var cosines = Cosines(row, k);
            sum += cosines;
            squares += cosines * cosines;
        }
        var (s, ss) = (Vector512.Sum(sum), Vector512.Sum(squares));
        for (; k < Count; k++)
        {
            double cosine = _cosines[row * Count + k];
            (s, ss) = (s + cosine, ss + cosine * cosine);
        }
        return (s, ss);
    }

    /// <summary>
    /// A dense row's scale over the open candidates (its closed slots hold 0, below every BM25 score, so
    /// its highest is an open one's): sum, sum of squares and highest in one pass.
    /// </summary>
    private SignalScale? DenseScale(double[] row)
    {
        Vector512<double> sum = Vector512<double>.Zero, squares = Vector512<double>.Zero, max = Vector512<double>.Zero;
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            var values = Vector512.LoadUnsafe(ref row[k]);
            sum += values;
            squares += values * values;
            max = Vector512.Max(max, values);
        }
        var (s, ss, top) = (Vector512.Sum(sum), Vector512.Sum(squares), 0.0);
        for (var lane = 0; lane < Vector512<double>.Count; lane++)
        {
            top = Math.Max(top, max[lane]);
        }
        for (; k < Count; k++)
        {
            (s, ss, top) = (s + row[k], ss + row[k] * row[k], Math.Max(top, row[k]));
        }
        return OpenScale<double>(row.AsSpan(0, Count), (s, ss), top);
    }

    private Vector512<double> Cosines(int row, int k) =>
        Vector512.WidenLower(Vector256.LoadUnsafe(ref _cosines[row * Count + k]).ToVector512Unsafe());

    /// <summary><see cref="SignalScale.Apply"/> for eight values.</summary>
    private static Vector512<double> Scale(Vector512<double> values, double mean, double inverse) =>
        Vector512.Min(Vector512.Max((values - Vector512.Create(mean)) * Vector512.Create(inverse), Vector512<double>.Zero), Vector512<double>.One);

    /// <summary><see cref="Contribute"/> for slots k..k+7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ContributeEight(int k, Vector512<double> contribution, Vector512<long> reason)
    {
        (Vector512.LoadUnsafe(ref _total[k]) + contribution).StoreUnsafe(ref _total[k]);
        var best = Vector512.LoadUnsafe(ref _best[k]);
        var better = Vector512.GreaterThan(contribution, best);
        Vector512.ConditionalSelect(better, contribution, best).StoreUnsafe(ref _best[k]);
        Vector512.ConditionalSelect(better.AsInt64(), reason, Vector512.LoadUnsafe(ref _reasonOf[k])).StoreUnsafe(ref _reasonOf[k]);
    }
}
