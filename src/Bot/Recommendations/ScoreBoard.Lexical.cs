using System.Runtime.Intrinsics;

namespace Bot.Recommendations;

/// <summary>
/// BM25 signals: each text or paper a query over the pool's word index, its scores put on the signals'
/// common scale over the open candidates (<see cref="SignalScale"/>). Queries of rare words follow their
/// postings; queries whose words reach a large share of the candidates are read in passes over them
/// (the same values either way).
/// </summary>
internal sealed partial class ScoreBoard
{
    /// <summary>
    /// Each text or paper is a BM25 query, scaled over the open candidates (a paper without the query's
    /// words scores 0, below the mean); per candidate the best-matching query and the mean are blended (see
    /// <see cref="Blend"/>). Only the papers in the query words' postings get a score, so the work follows
    /// the postings, not the pool.
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
            var scale = LexicalScores(terms, weights);
            foreach (var i in _touched)
            {
                var k = Domain.SlotOf(i);
                var value = k >= 0 && !_isClosed[k] && scale is { } s ? s.Apply(_lexical[i]) : 0;
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
    /// its scale), then one pass scales, merges and blends them all, clearing the rows as it goes.
    /// </summary>
    private void DenseLexical(List<(IEnumerable<string> Terms, IReadOnlyDictionary<string, double>? Weights)> queries, double weight, double bestMatchShare, int first)
    {
        var present = new List<(long Query, double[] Row, double Mean, double Inverse)>(queries.Count);
        for (var q = 0; q < queries.Count; q++)
        {
            var row = LexicalRow(q);
            DenseScores(queries[q].Terms, queries[q].Weights, row);
            if (DenseScale(row) is { } scale)
            {
                present.Add((q, row, scale.Mean, scale.Inverse));
            }
            else
            {
                Array.Clear(row, 0, Count);
            }
        }
        var share = Vector512.Create(bestMatchShare);
        var restPerQuery = Vector512.Create((1 - bestMatchShare) / queries.Count);
        var j = 0;
        for (; j + Vector512<double>.Count <= Count; j += Vector512<double>.Count)
        {
            Vector512<double> best = Vector512<double>.Zero, sum = Vector512<double>.Zero;
            var near = Vector512<long>.Zero;
            foreach (var (query, row, mean, inverse) in present)
            {
                var value = Scale(Vector512.LoadUnsafe(ref row[j]), mean, inverse);
                Vector512<double>.Zero.StoreUnsafe(ref row[j]);
                sum += value;
                var better = Vector512.GreaterThan(value, best);
                best = Vector512.ConditionalSelect(better, value, best);
                near = Vector512.ConditionalSelect(better.AsInt64(), Vector512.Create(query), near);
            }
            ContributeEight(j, weight * (share * best + sum * restPerQuery), Vector512.Create((long)first) + near);
        }
        for (; j < Count; j++)
        {
            double best = 0, sum = 0;
            long near = 0;
            foreach (var (query, row, mean, inverse) in present)
            {
                var value = Math.Clamp((row[j] - mean) * inverse, 0, 1);
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

    /// <summary>Per candidate, mostly the best-matching query, partly the mean: a paper near several of the user's signals ranks above one near a single one.</summary>
    private static double Blend(double bestMatchShare, double best, double sum, int queries) => bestMatchShare * best + sum * ((1 - bestMatchShare) / queries);

    /// <summary>BM25 of one query into the pool-sized scratch (the papers touched listed); returns its scale over the open candidates (those untouched score 0).</summary>
    private SignalScale? LexicalScores(IEnumerable<string> terms, IReadOnlyDictionary<string, double>? weights)
    {
        _touched.Clear();
        pool.Lexical.ScoreSparse(terms, _lexical, _touched, weights);
        double sum = 0, squares = 0, max = 0;
        foreach (var i in _touched)
        {
            if (Domain.SlotOf(i) is var k and >= 0 && !_isClosed[k])
            {
                (sum, squares) = (sum + _lexical[i], squares + _lexical[i] * _lexical[i]);
                max = Math.Max(max, _lexical[i]);
            }
        }
        return SignalScale.Of(sum, squares, Count - _closed.Count, max);
    }
}
