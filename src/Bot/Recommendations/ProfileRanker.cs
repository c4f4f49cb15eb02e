namespace Bot.Recommendations;

/// <summary>
/// Scores every candidate for one profile as a weighted sum of signals, each scaled to [0, 1] over the
/// pool: BM25 of each interest statement (the strongest signal with a small model), embedding similarity
/// to the interests, BM25 of liked and saved papers' distinctive words, embedding similarity to them, a
/// per-user logistic regression once there is feedback, the server's popular papers, and a recency
/// prior; papers close to dismissed or disliked ones are pushed down. The largest contribution names
/// the reason.
/// </summary>
internal static class ProfileRanker
{
    private const double QuestionShare = 0.3;

    /// <returns>The best <paramref name="keep"/> open candidates, best first.</returns>
    public static List<RankedCandidate> Rank(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random, int keep)
    {
        var n = pool.Count;
        var total = new double[n];
        var best = new double[n];
        var reasons = new string?[n];
        var scratch = new double[n];
        var signal = new double[n];
        // Scaling looks only at papers that can be picked: a liked paper matches its own words best,
        // and as the maximum it would squash every other score.
        var open = new bool[n];
        for (var i = 0; i < n; i++)
        {
            open[i] = !input.IsExcluded(pool.Papers[i].RowId);
        }

        void Contribute(double weight, string reason, int index, double value)
        {
            var contribution = weight * value;
            total[index] += contribution;
            if (contribution > best[index])
            {
                best[index] = contribution;
                reasons[index] = reason;
            }
        }

        // Each text or paper is a query; per candidate the best query counts, and the reason names it.
        int[]? Queries<T>(IReadOnlyList<T> queries, double weight, Func<T, string> reason, Func<T, Span<double>, bool> score, bool cosine = false)
        {
            if (weight <= 0 || queries.Count == 0)
            {
                return null;
            }
            // One reason string per query, not per candidate: this runs for every user of a daily run.
            var texts = queries.Select(reason).ToArray();
            var bestQuery = new int[n];
            Array.Fill(signal, 0);
            var sum = new double[n];
            for (var q = 0; q < queries.Count; q++)
            {
                if (!score(queries[q], scratch))
                {
                    continue;
                }
                if (cosine)
                {
                    // Cosines of a small model crowd into a narrow band: spread each query's over [0, 1].
                    MinMax(scratch, open);
                }
                else
                {
                    Scale(scratch, open);
                }
                for (var i = 0; i < n; i++)
                {
                    sum[i] += scratch[i];
                    if (scratch[i] > signal[i])
                    {
                        signal[i] = scratch[i];
                        bestQuery[i] = q;
                    }
                }
            }
            for (var i = 0; i < n; i++)
            {
                // Mostly the best match, partly the mean: a paper near several of the user's signals ranks above one near a single one.
                var value = options.BestMatchShare * signal[i] + (1 - options.BestMatchShare) * sum[i] / queries.Count;
                if (value > 0)
                {
                    Contribute(weight, texts[bestQuery[i]], i, value);
                }
            }
            return bestQuery;
        }

        bool Lexical(IEnumerable<string> terms, Span<double> into, IReadOnlyDictionary<string, double>? weights = null) =>
            pool.Lexical.Score(terms, into, weights) > 0;

        var cosines = VectorQueries(pool, input);

        bool Cosine(float[]? vector, Span<double> into)
        {
            if (vector is null || !cosines.TryGetValue(vector, out var found))
            {
                return false;
            }
            found.CopyTo(into);
            return true;
        }

        var interestReason = (ProfileText t) => input.ForGroup ? $"Matches the server's interest \"{t.Text}\"" : $"Matches your interest \"{t.Text}\"";
        Queries(input.Interests, options.InterestLexicalWeight, interestReason, (t, into) => Lexical(t.Terms, into));
        Queries(input.Interests, options.InterestVectorWeight, interestReason, (t, into) => Cosine(t.Vector, into), cosine: true);
        Queries(input.Questions, options.InterestLexicalWeight * QuestionShare, t => $"Related to a question you asked: \"{Short(t.Text)}\"", (t, into) => Lexical(t.Terms, into));

        var kept = input.Liked.Select(p => (Paper: p, Verb: "liked")).Concat(input.Saved.Select(p => (Paper: p, Verb: "saved"))).ToList();
        var keptReason = ((ProfilePaper Paper, string Verb) k) => $"Close to \"{k.Paper.Title}\", which {(input.ForGroup ? "someone here" : "you")} {k.Verb}";
        Queries(kept, options.LikedLexicalWeight, keptReason, (k, into) => Lexical(k.Paper.Terms.Keys, into, k.Paper.Terms));
        var nearestKept = Queries(kept, options.LikedVectorWeight, keptReason, (k, into) => Cosine(k.Paper.Vector, into), cosine: true);

        Preference(pool, input, options, random, kept, nearestKept, scratch, open, (i, value, reason) => Contribute(options.PreferenceWeight * Ramp(input, options), reason, i, value));
        Popularity(pool, input, options, (i, value, reason) => Contribute(options.PopularityWeight * (input.ForGroup ? 3 : 1), reason, i, value));
        Recency(pool, options, (i, value, reason) => Contribute(options.RecencyWeight, reason, i, value));
        Penalise(pool, input, options, total, scratch, open, cosines);

        // Only the best few are needed: a bounded min-heap instead of sorting the whole pool. Ties go to the newer paper.
        var top = new PriorityQueue<int, (double Score, long RowId)>(keep + 1);
        for (var i = 0; i < n; i++)
        {
            if (!open[i])
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
            ranked.Add(new RankedCandidate(i, total[i], reasons[i] ?? "New in the digests"));
        }
        ranked.Reverse();
        return ranked;
    }

    /// <summary>Every vector the ranking compares candidates with, scored against the pool in one pass (by reference).</summary>
    private static Dictionary<float[], double[]> VectorQueries(CandidatePool pool, RankingInput input)
    {
        var cosines = new Dictionary<float[], double[]>(ReferenceEqualityComparer.Instance);
        if (!pool.HasVectors)
        {
            return cosines;
        }
        var vectors = input.Interests.Select(i => i.Vector)
            .Concat(input.Liked.Concat(input.Saved).Concat(input.Disliked).Concat(input.Dismissed).Select(p => p.Vector))
            .OfType<float[]>().Where(v => v.Length == pool.Dimensions).Distinct(ReferenceEqualityComparer.Instance).Cast<float[]>().ToList();
        var scores = pool.Cosines(vectors);
        for (var q = 0; q < vectors.Count; q++)
        {
            cosines[vectors[q]] = scores[q];
        }
        return cosines;
    }

    /// <summary>The regression's share grows with feedback: a handful of clicks must not outvote what the user said they follow.</summary>
    private static double Ramp(RankingInput input, RecommendationOptions options) =>
        (double)input.FeedbackCount / (input.FeedbackCount + options.PreferenceHalfFeedback);

    private static void Preference(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random,
        List<(ProfilePaper Paper, string Verb)> kept, int[]? nearestKept, double[] scratch, bool[] open, Action<int, double, string> contribute)
    {
        var positives = kept.Where(k => k.Paper.Vector is not null).ToList();
        if (options.PreferenceWeight <= 0 || positives.Count == 0 || !pool.HasVectors)
        {
            return;
        }
        var positiveIds = positives.Select(p => p.Paper.RowId).ToHashSet();
        var negatives = input.Disliked.Concat(input.Dismissed).Where(p => p.Vector is not null).Select(p => p.Vector!).ToList();
        var weights = LogisticPreference.Fit(pool, [.. positives.Select(p => p.Paper.Vector!)], negatives, positiveIds.Contains,
            options.NegativeSamples, options.Regularization, random);
        if (weights is null)
        {
            return;
        }
        LogisticPreference.Score(pool, weights, scratch);
        MinMax(scratch, open);
        // The reason names the liked or saved paper nearest by vector (found while scoring those); one string per paper.
        var reasons = kept.Select(k => $"Fits what you liked; closest to \"{k.Paper.Title}\"").ToArray();
        for (var i = 0; i < pool.Count; i++)
        {
            contribute(i, scratch[i], reasons[nearestKept?[i] ?? 0]);
        }
    }

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

    private static void Recency(CandidatePool pool, RecommendationOptions options, Action<int, double, string> contribute)
    {
        if (options.RecencyWeight <= 0)
        {
            return;
        }
        var reasons = new Dictionary<DateOnly, string>();
        for (var i = 0; i < pool.Count; i++)
        {
            var date = pool.Papers[i].LastSeen;
            if (!reasons.TryGetValue(date, out var reason))
            {
                reason = $"New in the digest of {date:yyyy-MM-dd}";
                reasons[date] = reason;
            }
            contribute(i, Math.Pow(0.5, (pool.Newest.DayNumber - date.DayNumber) / options.RecencyHalfLifeDays), reason);
        }
    }

    /// <summary>
    /// "Not interested" and 👎 lower papers like them: similarity to the judged paper (its words by BM25,
    /// and its vector when there is a model, each scaled over the pool) above a threshold costs score.
    /// </summary>
    private static void Penalise(CandidatePool pool, RankingInput input, RecommendationOptions options, double[] total, double[] scratch, bool[] open,
        Dictionary<float[], double[]> cosines)
    {
        if (options.DismissPenalty <= 0)
        {
            return;
        }
        var lexical = new double[pool.Count];
        foreach (var paper in input.Dismissed.Concat(input.Disliked))
        {
            var hasLexical = pool.Lexical.Score(paper.Terms.Keys, lexical, paper.Terms) > 0;
            if (hasLexical)
            {
                Scale(lexical, open);
            }
            var hasVector = paper.Vector is not null && cosines.ContainsKey(paper.Vector);
            if (hasVector)
            {
                cosines[paper.Vector!].CopyTo(scratch, 0);
                MinMax(scratch, open);
            }
            var parts = (hasLexical ? 1 : 0) + (hasVector ? 1 : 0);
            if (parts == 0)
            {
                continue;
            }
            for (var i = 0; i < pool.Count; i++)
            {
                var similarity = ((hasLexical ? lexical[i] : 0) + (hasVector ? scratch[i] : 0)) / parts;
                total[i] -= options.DismissPenalty * Math.Max(0, similarity - options.DismissSimilarity) / (1 - options.DismissSimilarity + 1e-9);
            }
        }
    }

    /// <summary>
    /// Scales BM25 scores into [0, 1] by the second-highest score among the open candidates (higher
    /// ones clip at 1): one paper that repeats the query's words must not squash every other match.
    /// </summary>
    private static void Scale(Span<double> values, bool[] open)
    {
        double first = 0, second = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!open[i] || values[i] <= second)
            {
                continue;
            }
            if (values[i] > first)
            {
                (first, second) = (values[i], first);
            }
            else
            {
                second = values[i];
            }
        }
        var top = second > 0 ? second : first;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = top > 0 ? Math.Clamp(values[i] / top, 0, 1) : 0;
        }
    }

    /// <summary>Spreads scores over [0, 1] between the open candidates' lowest and highest.</summary>
    private static void MinMax(Span<double> values, bool[] open)
    {
        double min = double.MaxValue, max = double.MinValue;
        for (var i = 0; i < values.Length; i++)
        {
            if (open[i])
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = max > min ? Math.Clamp((values[i] - min) / (max - min), 0, 1) : 0;
        }
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
