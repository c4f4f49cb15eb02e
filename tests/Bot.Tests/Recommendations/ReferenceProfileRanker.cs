using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

/// <summary>
/// The ranker as it was before it was made fast (main at 05b9384), with each signal's scale as it is now
/// (<see cref="SignalScale"/>, computed here in two passes): one profile at a time, every signal in
/// pool-sized double arrays, cosines in doubles from the pool's int8 codes. The fast ranker must give the
/// same rankings; this is the oracle the tests compare it with. Scores every candidate for one profile as
/// a weighted sum of signals, each on one scale over the open candidates: BM25 of each interest statement, embedding similarity
/// to the interests, BM25 of liked and saved papers' distinctive words, embedding similarity to them, a
/// per-user logistic regression once there is feedback, the server's popular papers, and a recency
/// prior; papers close to dismissed or disliked ones are pushed down. The largest contribution names
/// the reason.
/// </summary>
internal static class ReferenceProfileRanker
{
    private const double QuestionShare = 0.3;

    /// <returns>The best <paramref name="keep"/> open candidates, best first.</returns>
    public static List<RankedCandidate> Rank(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random, int keep)
    {
        var n = pool.Count;
        var total = new double[n];
        var best = new double[n];
        // Reasons as indexes into one list of sentences: a reference per candidate and signal would cost a GC write barrier each.
        var reasonOf = new int[n];
        Array.Fill(reasonOf, -1);
        var texts = new List<string>();
        var scratch = new double[n];
        var signal = new double[n];
        var sum = new double[n];
        var bestQuery = new int[n];
        var touched = new List<int>();
        var open = Open(pool, input);
        // The candidates that can be picked, by index: every dense pass reads only these (a daily post's few new papers, or nearly all).
        var live = Live(open);

        void Contribute(double weight, int reason, int index, double value)
        {
            var contribution = weight * value;
            total[index] += contribution;
            if (contribution > best[index])
            {
                best[index] = contribution;
                reasonOf[index] = reason;
            }
        }

        int Reasons(IEnumerable<string> sentences)
        {
            var first = texts.Count;
            texts.AddRange(sentences);
            return first;
        }

        // Per candidate, mostly the best-matching query, partly the mean: a paper near several of the user's signals ranks above one near a single one.
        double Blend(int i, int queries) => options.BestMatchShare * signal[i] + (1 - options.BestMatchShare) * sum[i] / queries;

        // Each text or paper is a BM25 query. Only the papers in the query words' postings get a score, so
        // the work follows the postings, not the pool: a daily run asks this for every user.
        void LexicalQueries<T>(IReadOnlyList<T> queries, double weight, Func<T, string> reason, Func<T, (IEnumerable<string> Terms, IReadOnlyDictionary<string, double>? Weights)> query)
        {
            if (weight <= 0 || queries.Count == 0)
            {
                return;
            }
            var first = Reasons(queries.Select(reason));
            var matched = new List<int>();
            for (var q = 0; q < queries.Count; q++)
            {
                touched.Clear();
                var (terms, weights) = query(queries[q]);
                pool.Lexical.ScoreSparse(terms, scratch, touched, weights);
                // Papers outside the postings score 0 in scratch, and count in the scale.
                var spread = Spread(scratch, live);
                foreach (var i in touched)
                {
                    var value = open[i] && spread is { } s ? Math.Clamp((scratch[i] - s.Mean) / s.Range, 0, 1) : 0;
                    scratch[i] = 0;
                    if (value > 0 && sum[i] == 0 && signal[i] == 0)
                    {
                        matched.Add(i);
                    }
                    sum[i] += value;
                    if (value > signal[i])
                    {
                        signal[i] = value;
                        bestQuery[i] = q;
                    }
                }
            }
            foreach (var i in matched)
            {
                var value = Blend(i, queries.Count);
                if (value > 0)
                {
                    Contribute(weight, first + bestQuery[i], i, value);
                }
                (signal[i], sum[i], bestQuery[i]) = (0, 0, 0);
            }
        }

        var cosines = VectorQueries(pool, input, live, out var preference, random, options);

        // Each vector is a query against every candidate, its cosines on the signals' scale.
        int[]? VectorSignal<T>(IReadOnlyList<T> queries, double weight, Func<T, string> reason, Func<T, float[]?> vector)
        {
            if (weight <= 0 || queries.Count == 0)
            {
                return null;
            }
            var first = Reasons(queries.Select(reason));
            var nearest = new int[n];
            for (var q = 0; q < queries.Count; q++)
            {
                if (vector(queries[q]) is not { } v || !cosines.TryGetValue(v, out var found))
                {
                    continue;
                }
                Standardise(found, scratch, live);
                foreach (var i in live)
                {
                    sum[i] += scratch[i];
                    if (scratch[i] > signal[i])
                    {
                        signal[i] = scratch[i];
                        nearest[i] = q;
                    }
                }
            }
            foreach (var i in live)
            {
                var value = Blend(i, queries.Count);
                if (value > 0)
                {
                    Contribute(weight, first + nearest[i], i, value);
                }
                (signal[i], sum[i], scratch[i]) = (0, 0, 0);
            }
            return nearest;
        }

        var interestReason = (ProfileText t) => input.ForGroup ? $"Matches the server's interest \"{t.Text}\"" : $"Matches your interest \"{t.Text}\"";
        LexicalQueries(input.Interests, options.InterestLexicalWeight, interestReason, t => (t.Terms, null));
        VectorSignal(input.Interests, options.InterestVectorWeight, interestReason, t => t.Vector);
        LexicalQueries(input.Questions, options.InterestLexicalWeight * QuestionShare, t => $"Related to a question you asked: \"{Short(t.Text)}\"", t => (t.Terms, null));

        var kept = Kept(input);
        var keptReason = ((ProfilePaper Paper, string Verb) k) => $"Close to \"{k.Paper.Title}\", which {(input.ForGroup ? "someone here" : "you")} {k.Verb}";
        LexicalQueries(kept, options.LikedLexicalWeight, keptReason, k => (k.Paper.Terms.Keys, k.Paper.Terms));
        var nearestKept = VectorSignal(kept, options.LikedVectorWeight, keptReason, k => k.Paper.Vector);

        if (preference is { } fitted && cosines.TryGetValue(fitted.Weights, out var decision))
        {
            // The reason names the liked or saved paper nearest by vector (found while scoring those); one string per paper.
            var first = Reasons(kept.Select(k => $"Fits what you liked; closest to \"{k.Paper.Title}\""));
            Standardise(decision, scratch, live);
            var weight = options.PreferenceWeight * Ramp(input, options);
            foreach (var i in live)
            {
                Contribute(weight, first + (nearestKept?[i] ?? 0), i, scratch[i]);
            }
        }
        Popularity(pool, input, options, (i, value, reason) => Contribute(options.PopularityWeight * (input.ForGroup ? 3 : 1), Reasons([reason]), i, value));
        if (options.RecencyWeight > 0)
        {
            var prior = RecencyPrior.Of(pool, options.RecencyHalfLifeDays);
            var first = Reasons(prior.Reasons);
            foreach (var i in live)
            {
                Contribute(options.RecencyWeight, first + prior.ReasonOf[i], i, prior.Values[i]);
            }
        }
        Penalise(pool, input, options, total, scratch, live, cosines);
        return Top(pool, total, live, keep, i => reasonOf[i] >= 0 ? texts[reasonOf[i]] : "New in the digests");
    }

    /// <summary>Which candidates may be picked: the restriction's papers (or all), less the profile's excluded ones, marked through the pool's index.</summary>
    private static bool[] Open(CandidatePool pool, RankingInput input)
    {
        var open = new bool[pool.Count];
        if (input.Among is null)
        {
            Array.Fill(open, true);
        }
        else
        {
            foreach (var rowId in input.Among)
            {
                if (pool.IndexOf.TryGetValue(rowId, out var i))
                {
                    open[i] = true;
                }
            }
        }
        foreach (var rowId in input.Excluded)
        {
            if (pool.IndexOf.TryGetValue(rowId, out var i))
            {
                open[i] = false;
            }
        }
        return open;
    }

    private static int[] Live(bool[] open)
    {
        var live = new List<int>(open.Length);
        for (var i = 0; i < open.Length; i++)
        {
            if (open[i])
            {
                live.Add(i);
            }
        }
        return [.. live];
    }

    private static List<(ProfilePaper Paper, string Verb)> Kept(RankingInput input) =>
        [.. input.Liked.Select(p => (Paper: p, Verb: "liked")), .. input.Saved.Select(p => (Paper: p, Verb: "saved"))];

    /// <summary>Only the best few are needed: a bounded min-heap instead of sorting the whole pool. Ties go to the newer paper.</summary>
    private static List<RankedCandidate> Top(CandidatePool pool, double[] total, int[] live, int keep, Func<int, string> reason)
    {
        var top = new PriorityQueue<int, (double Score, long RowId)>(keep + 1);
        foreach (var i in live)
        {
            // Most candidates lose to the heap's weakest: compare the score before reading the paper or touching the heap.
            if (top.Count == keep && top.TryPeek(out _, out var weakest)
                && (total[i] < weakest.Score || (total[i] == weakest.Score && pool.Papers[i].RowId <= weakest.RowId)))
            {
                continue;
            }
            top.Enqueue(i, (total[i], pool.Papers[i].RowId));
            if (top.Count > keep)
            {
                top.Dequeue();
            }
        }
        var ranked = new List<RankedCandidate>(top.Count);
        while (top.TryDequeue(out var i, out _))
        {
            ranked.Add(new RankedCandidate(i, total[i], reason(i)));
        }
        ranked.Reverse();
        return ranked;
    }

    /// <summary>
    /// Every vector the ranking compares candidates with, scored against the pool in one pass (by
    /// reference): the interests', the liked, saved and judged papers', and the fitted preference's
    /// weights (its bias would shift every score alike, and the scale subtracts the mean).
    /// </summary>
    private static Dictionary<float[], double[]> VectorQueries(CandidatePool pool, RankingInput input, int[] live, out FittedPreference? preference, Random random,
        RecommendationOptions options)
    {
        var cosines = new Dictionary<float[], double[]>(ReferenceEqualityComparer.Instance);
        preference = null;
        if (!pool.HasVectors)
        {
            return cosines;
        }
        preference = Preference(pool, input, options, random);
        var vectors = input.Interests.Select(i => i.Vector)
            .Concat(input.Liked.Concat(input.Saved).Concat(input.Disliked).Concat(input.Dismissed).Select(p => p.Vector))
            .Append(preference?.Weights)
            .OfType<float[]>().Where(v => v.Length == pool.Dimensions).Distinct(ReferenceEqualityComparer.Instance).Cast<float[]>().ToList();
        var scores = Int8Cosines(pool, vectors, live);
        for (var q = 0; q < vectors.Count; q++)
        {
            cosines[vectors[q]] = scores[q];
        }
        return cosines;
    }

    /// <summary>The regression's share grows with feedback: a handful of clicks must not outvote what the user said they follow.</summary>
    private static double Ramp(RankingInput input, RecommendationOptions options) =>
        (double)input.FeedbackCount / (input.FeedbackCount + options.PreferenceHalfFeedback);

    private static FittedPreference? Preference(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random)
    {
        var positives = Kept(input).Where(k => k.Paper.Vector is not null).ToList();
        if (options.PreferenceWeight <= 0 || positives.Count == 0)
        {
            return null;
        }
        var positiveIds = positives.Select(p => p.Paper.RowId).ToHashSet();
        var negatives = input.Disliked.Concat(input.Dismissed).Where(p => p.Vector is not null).Select(p => p.Vector!).ToList();
        var weights = LogisticPreference.Fit(pool, [.. positives.Select(p => p.Paper.Vector!)], negatives, positiveIds.Contains,
            options.NegativeSamples, options.Regularization, random);
        return weights is null ? null : new FittedPreference(weights[..pool.Dimensions]);
    }

    /// <summary>The regression's weights without the bias: a direction the candidates are scored along.</summary>
    private sealed record FittedPreference(float[] Weights);

    private static void Popularity(CandidatePool pool, RankingInput input, RecommendationOptions options, Action<int, double, string> contribute)
    {
        if (input.Popular.Count == 0 || options.PopularityWeight <= 0)
        {
            return;
        }
        var most = Math.Log(1 + input.Popular.Values.Max());
        foreach (var (rowId, count) in input.Popular)
        {
            if (pool.IndexOf.TryGetValue(rowId, out var i))
            {
                contribute(i, Math.Log(1 + count) / most, count == 1 ? "Liked or saved by someone in this server" : $"Liked or saved by {count} people in this server");
            }
        }
    }

    /// <summary>
    /// "Not interested" and 👎 lower papers like them: similarity to the judged paper (its words by BM25,
    /// and its vector when there is a model, each on the signals' scale) above a threshold costs score.
    /// </summary>
    private static void Penalise(CandidatePool pool, RankingInput input, RecommendationOptions options, double[] total, double[] scratch, int[] live,
        Dictionary<float[], double[]> cosines)
    {
        if (options.DismissPenalty <= 0)
        {
            return;
        }
        var lexical = new double[pool.Count];
        foreach (var paper in input.Dismissed.Concat(input.Disliked))
        {
            Array.Clear(lexical);
            pool.Lexical.ScoreSparse(paper.Terms.Keys, lexical, [], paper.Terms);
            var hasLexical = lexical.Max() > 0;
            if (hasLexical)
            {
                Standardise(lexical, lexical, live);
            }
            var hasVector = paper.Vector is not null && cosines.ContainsKey(paper.Vector);
            if (hasVector)
            {
                Standardise(cosines[paper.Vector!], scratch, live);
            }
            var parts = (hasLexical ? 1 : 0) + (hasVector ? 1 : 0);
            if (parts == 0)
            {
                continue;
            }
            foreach (var i in live)
            {
                var similarity = ((hasLexical ? lexical[i] : 0) + (hasVector ? scratch[i] : 0)) / parts;
                total[i] -= options.DismissPenalty * Math.Max(0, similarity - options.DismissSimilarity) / (1 - options.DismissSimilarity + 1e-9);
            }
        }
    }

    /// <summary>
    /// The live candidates' mean, and the range above it that scores 1: <see cref="SignalScale.Deviations"/>
    /// standard deviations (the variance taken about the mean, a second pass), or up to the highest value
    /// when that is nearer; null when there are none or they are (nearly) all equal.
    /// </summary>
    private static (double Mean, double Range)? Spread(double[] values, int[] live)
    {
        if (live.Length == 0)
        {
            return null;
        }
        var mean = live.Average(i => values[i]);
        var variance = live.Average(i => (values[i] - mean) * (values[i] - mean));
        var meanSquare = live.Average(i => values[i] * values[i]);
        var max = live.Max(i => values[i]);
        return variance > 1e-12 * meanSquare && max > mean ? (mean, Math.Min(SignalScale.Deviations * Math.Sqrt(variance), max - mean)) : null;
    }

    /// <summary>The live candidates' values on the signals' scale (0 at the mean or below, 1 at the top of the range or above), into <paramref name="into"/>.</summary>
    private static void Standardise(double[] values, double[] into, int[] live)
    {
        var spread = Spread(values, live);
        foreach (var i in live)
        {
            into[i] = spread is { } s ? Math.Clamp((values[i] - s.Mean) / s.Range, 0, 1) : 0;
        }
    }

    /// <summary>The old scan's values: each pool row and query coded as int8 (as the pool codes them), their integer dot times both scales, in doubles.</summary>
    private static double[][] Int8Cosines(CandidatePool pool, IReadOnlyList<float[]> queries, int[] live)
    {
        var dimensions = pool.Dimensions;
        var rowCodes = new sbyte[dimensions];
        var queryCodes = queries.Select(_ => new sbyte[dimensions]).ToList();
        var queryScales = queries.Select((q, i) => Bot.Search.Int8Dot.Quantize(q, queryCodes[i], pool.QueryCodeLimit)).ToList();
        var results = queries.Select(_ => new double[pool.Count]).ToArray();
        foreach (var i in live)
        {
            var rowScale = Bot.Search.Int8Dot.Quantize(pool.Vector(i), rowCodes);
            for (var q = 0; q < queries.Count; q++)
            {
                results[q][i] = Bot.Search.Int8Dot.Dot(rowCodes, queryCodes[q]) * (double)rowScale * queryScales[q];
            }
        }
        return results;
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
