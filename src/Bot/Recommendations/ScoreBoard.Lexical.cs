using System.Runtime.Intrinsics;

namespace Bot.Recommendations;

/// <summary>
/// BM25 signals: each text or paper a query over the pool's word index, scaled by its second-highest
/// open score. Queries of rare words follow their postings; queries whose words reach a large share of
/// the candidates are read in passes over them (the same values either way).
/// </summary>
internal sealed partial class ScoreBoard
{
    /// <summary>
    /// Each text or paper is a BM25 query, scaled by the second-highest open score it found; per candidate
    /// the best-matching query and the mean are blended (see <see cref="Blend"/>). Only the papers in the
    /// query words' postings get a score, so the work follows the postings, not the pool.
    /// </summary>
    public void Lexical<T>(IReadOnlyList<T> queries, double weight, double bestMatchShare, Func<T, string> reason,
        Func<T, (IEnumerable<string> Terms, IReadOnlyDictionary<string, double>? Weights)> query)
    {
        if (weight <= 0 || queries.Count == 0)
        {
            return;
        }
        var first = Reasons(queries.Select(reason));
        var parsed = queries.Select(query).ToList();
        // Words found in most papers (a short interest of common words) touch most of the pool: then
        // passes over every candidate, eight at a time, beat following each touched paper one by one.
        if (parsed.Sum(p => pool.Lexical.Postings(p.Terms)) > Count / DenseShare)
        {
            DenseLexical(parsed, weight, bestMatchShare, first);
            return;
        }
        _matched.Clear();
        for (var q = 0; q < parsed.Count; q++)
        {
            var (terms, weights) = parsed[q];
            var top = LexicalScores(terms, weights);
            foreach (var i in _touched)
            {
                var k = Domain.SlotOf(i);
                var value = k >= 0 && !_isClosed[k] && top > 0 ? Math.Clamp(_lexical[i] / top, 0, 1) : 0;
                _lexical[i] = 0;
                if (value <= 0)
                {
                    continue;
                }
                if (_sum[k] == 0 && _signal[k] == 0)
                {
                    _matched.Add(k);
                }
                _sum[k] += value;
                if (value > _signal[k])
                {
                    _signal[k] = value;
                    _bestQuery[k] = q;
                }
            }
        }
        foreach (var k in _matched)
        {
            var value = Blend(bestMatchShare, _signal[k], _sum[k], queries.Count);
            if (value > 0)
            {
                Contribute(k, weight * value, first + _bestQuery[k]);
            }
            (_signal[k], _sum[k], _bestQuery[k]) = (0, 0, 0);
        }
    }

    /// <summary>Postings above the candidates' count over this go through <see cref="DenseLexical"/>.</summary>
    private const int DenseShare = 8;

    /// <summary>
    /// <see cref="Lexical"/> with every candidate's scores read in passes over the domain: the same values,
    /// scaled and blended the same way. Each query's scores go into a row of their own (one pass finds
    /// the top two), then one pass scales, merges and blends them all, clearing the rows as it goes.
    /// </summary>
    private void DenseLexical(List<(IEnumerable<string> Terms, IReadOnlyDictionary<string, double>? Weights)> queries, double weight, double bestMatchShare, int first)
    {
        var present = new List<(long Query, double[] Row, double Top)>(queries.Count);
        for (var q = 0; q < queries.Count; q++)
        {
            var row = LexicalRow(q);
            DenseScores(queries[q].Terms, queries[q].Weights, row);
            var top = SecondHighest(row);
            if (top > 0)
            {
                present.Add((q, row, top));
            }
            else
            {
                Array.Clear(row, 0, Count);
            }
        }
        var share = Vector512.Create(bestMatchShare);
        var rest = Vector512.Create(1 - bestMatchShare);
        var count = Vector512.Create((double)queries.Count);
        var j = 0;
        for (; j + Vector512<double>.Count <= Count; j += Vector512<double>.Count)
        {
            Vector512<double> best = Vector512<double>.Zero, sum = Vector512<double>.Zero;
            var near = Vector512<long>.Zero;
            foreach (var (query, row, top) in present)
            {
                var value = Vector512.Min(Vector512.Max(Vector512.LoadUnsafe(ref row[j]) / top, Vector512<double>.Zero), Vector512<double>.One);
                Vector512<double>.Zero.StoreUnsafe(ref row[j]);
                sum += value;
                var better = Vector512.GreaterThan(value, best);
                best = Vector512.ConditionalSelect(better, value, best);
                near = Vector512.ConditionalSelect(better.AsInt64(), Vector512.Create(query), near);
            }
            ContributeEight(j, weight * (share * best + rest * sum / count), Vector512.Create((long)first) + near);
        }
        for (; j < Count; j++)
        {
            double best = 0, sum = 0;
            long near = 0;
            foreach (var (query, row, top) in present)
            {
                var value = Math.Clamp(row[j] / top, 0, 1);
                row[j] = 0;
                sum += value;
                if (value > best)
                {
                    (best, near) = (value, query);
                }
            }
            Contribute(j, weight * Blend(bestMatchShare, best, sum, queries.Count), first + near);
        }
    }

    /// <summary>One query's BM25 by slot into a cleared <paramref name="row"/>, closed candidates' set to 0.</summary>
    private void DenseScores(IEnumerable<string> terms, IReadOnlyDictionary<string, double>? weights, double[] row)
    {
        if (Domain.Indexes is { } indexes)
        {
            // A few slots of a large pool: the pool-sized scratch is cleared where it was touched, not whole.
            _touched.Clear();
            pool.Lexical.ScoreSparse(terms, _lexical, _touched, weights);
            for (var k = 0; k < Count; k++)
            {
                row[k] = _lexical[indexes[k]];
            }
            foreach (var i in _touched)
            {
                _lexical[i] = 0;
            }
        }
        else
        {
            pool.Lexical.ScoreDense(terms, row, weights);
        }
        foreach (var k in _closed)
        {
            row[k] = 0;
        }
    }

    /// <summary>A domain-sized row of zeros for the q-th dense BM25 query (kept between rankings; the caller leaves it cleared).</summary>
    private double[] LexicalRow(int q)
    {
        while (_lexicalRows.Count <= q)
        {
            _lexicalRows.Add([]);
        }
        if (_lexicalRows[q].Length < Count)
        {
            _lexicalRows[q] = new double[Count];
        }
        return _lexicalRows[q];
    }

    /// <summary>The second-highest of the scores (the highest when it is alone above 0), as <see cref="TopTwo"/> finds it: each lane keeps its top two, then the lanes' are merged.</summary>
    private double SecondHighest(double[] scores)
    {
        Vector512<double> first = Vector512<double>.Zero, second = Vector512<double>.Zero;
        var k = 0;
        for (; k + Vector512<double>.Count <= Count; k += Vector512<double>.Count)
        {
            var value = Vector512.LoadUnsafe(ref scores[k]);
            second = Vector512.Max(second, Vector512.Min(first, value));
            first = Vector512.Max(first, value);
        }
        double top = 0, next = 0;
        for (var lane = 0; lane < Vector512<double>.Count; lane++)
        {
            TopTwo(first[lane], ref top, ref next);
            TopTwo(second[lane], ref top, ref next);
        }
        for (; k < Count; k++)
        {
            TopTwo(scores[k], ref top, ref next);
        }
        return next > 0 ? next : top;
    }

    /// <summary>Per candidate, mostly the best-matching query, partly the mean: a paper near several of the user's signals ranks above one near a single one.</summary>
    private static double Blend(double bestMatchShare, double best, double sum, int queries) => bestMatchShare * best + (1 - bestMatchShare) * sum / queries;

    /// <summary>BM25 of one query into the pool-sized scratch (the papers touched listed); returns the second-highest open score (the highest when one is open).</summary>
    private double LexicalScores(IEnumerable<string> terms, IReadOnlyDictionary<string, double>? weights)
    {
        _touched.Clear();
        pool.Lexical.ScoreSparse(terms, _lexical, _touched, weights);
        double first = 0, second = 0;
        foreach (var i in _touched)
        {
            if (Domain.SlotOf(i) is var k and >= 0 && !_isClosed[k])
            {
                TopTwo(_lexical[i], ref first, ref second);
            }
        }
        // BM25 is scaled by the second-highest, so one paper that repeats the query's words must not squash every other match (higher ones clip at 1).
        return second > 0 ? second : first;
    }

    private static void TopTwo(double value, ref double first, ref double second)
    {
        if (value <= second)
        {
            return;
        }
        if (value > first)
        {
            (first, second) = (value, first);
        }
        else
        {
            second = value;
        }
    }
}
