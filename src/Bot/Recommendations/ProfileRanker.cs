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

    public static List<RankedCandidate> Rank(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random)
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
        void Queries<T>(IReadOnlyList<T> queries, double weight, Func<T, string> reason, Func<T, Span<double>, bool> score, bool cosine = false)
        {
            if (weight <= 0 || queries.Count == 0)
            {
                return;
            }
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
                    Contribute(weight, reason(queries[bestQuery[i]]), i, value);
                }
            }
        }

        bool Lexical(IEnumerable<string> terms, Span<double> into, IReadOnlyDictionary<string, double>? weights = null) =>
            pool.Lexical.Score(terms, into, weights) > 0;

        bool Cosine(float[]? vector, Span<double> into)
        {
            if (vector is null || !pool.HasVectors)
            {
                return false;
            }
            pool.Cosines(vector, into);
            return true;
        }

        var interestReason = (ProfileText t) => input.ForGroup ? $"Matches the server's interest \"{t.Text}\"" : $"Matches your interest \"{t.Text}\"";
        Queries(input.Interests, options.InterestLexicalWeight, interestReason, (t, into) => Lexical(t.Terms, into));
        Queries(input.Interests, options.InterestVectorWeight, interestReason, (t, into) => Cosine(t.Vector, into), cosine: true);
        Queries(input.Questions, options.InterestLexicalWeight * QuestionShare, t => $"Related to a question you asked: \"{Short(t.Text)}\"", (t, into) => Lexical(t.Terms, into));

        var kept = input.Liked.Select(p => (Paper: p, Verb: "liked")).Concat(input.Saved.Select(p => (Paper: p, Verb: "saved"))).ToList();
        var keptReason = ((ProfilePaper Paper, string Verb) k) => $"Close to \"{k.Paper.Title}\", which {(input.ForGroup ? "someone here" : "you")} {k.Verb}";
        Queries(kept, options.LikedLexicalWeight, keptReason, (k, into) => Lexical(k.Paper.Terms.Keys, into, k.Paper.Terms));
        Queries(kept, options.LikedVectorWeight, keptReason, (k, into) => Cosine(k.Paper.Vector, into), cosine: true);

        PseudoFeedback(pool, input, options, total, reasons, (i, value, reason) => Contribute(options.FeedbackWeight, reason, i, value));
        Preference(pool, input, options, random, kept, scratch, open, (i, value, reason) => Contribute(options.PreferenceWeight * Ramp(input, options), reason, i, value));
        Popularity(pool, input, options, (i, value, reason) => Contribute(options.PopularityWeight * (input.ForGroup ? 3 : 1), reason, i, value));
        Recency(pool, options, (i, value, reason) => Contribute(options.RecencyWeight, reason, i, value));
        Penalise(pool, input, options, total, scratch, open);

        var ranked = new List<RankedCandidate>(n);
        for (var i = 0; i < n; i++)
        {
            if (!input.IsExcluded(pool.Papers[i].RowId))
            {
                ranked.Add(new RankedCandidate(i, total[i], reasons[i] ?? "New in the digests"));
            }
        }
        ranked.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : pool.Papers[b.Index].RowId.CompareTo(pool.Papers[a.Index].RowId));
        return ranked;
    }

    /// <summary>
    /// The best candidates of the first pass stand in for more liked papers: papers that share their
    /// distinctive words rise (pseudo-relevance feedback), which bridges a short interest statement
    /// and papers that word the same topic differently.
    /// </summary>
    private static void PseudoFeedback(CandidatePool pool, RankingInput input, RecommendationOptions options, double[] total, string?[] reasons,
        Action<int, double, string> contribute)
    {
        if (options.FeedbackPapers <= 0 || options.FeedbackWeight <= 0)
        {
            return;
        }
        var seeds = Enumerable.Range(0, pool.Count)
            .Where(i => total[i] > 0 && reasons[i] is not null)
            .OrderByDescending(i => total[i])
            .Take(options.FeedbackPapers)
            .ToList();
        if (seeds.Count == 0)
        {
            return;
        }
        var scores = new double[pool.Count];
        var sum = new double[pool.Count];
        var best = new double[pool.Count];
        var bestSeed = new int[pool.Count];
        var top = total[seeds[0]];
        foreach (var seed in seeds)
        {
            var paper = pool.Papers[seed];
            var terms = pool.Lexical.DistinctiveTerms(paper.Title, paper.Abstract, options.PaperQueryTerms);
            var max = pool.Lexical.Score(terms.Keys, scores, terms);
            if (max <= 0)
            {
                continue;
            }
            // A seed counts as much as the first pass trusted it.
            var trust = total[seed] / top;
            for (var i = 0; i < pool.Count; i++)
            {
                var value = trust * scores[i] / max;
                sum[i] += value;
                if (value > best[i])
                {
                    best[i] = value;
                    bestSeed[i] = seed;
                }
            }
        }
        for (var i = 0; i < pool.Count; i++)
        {
            if (best[i] > 0)
            {
                contribute(i, sum[i] / seeds.Count, reasons[bestSeed[i]]!);
            }
        }
    }

    /// <summary>The regression's share grows with feedback: a handful of clicks must not outvote what the user said they follow.</summary>
    private static double Ramp(RankingInput input, RecommendationOptions options) =>
        (double)input.FeedbackCount / (input.FeedbackCount + options.PreferenceHalfFeedback);

    private static void Preference(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random,
        List<(ProfilePaper Paper, string Verb)> kept, double[] scratch, bool[] open, Action<int, double, string> contribute)
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
        for (var i = 0; i < pool.Count; i++)
        {
            var nearest = positives.MaxBy(p => System.Numerics.Tensors.TensorPrimitives.Dot(pool.Vector(i), p.Paper.Vector!));
            contribute(i, scratch[i], $"Fits what you liked; closest to \"{nearest.Paper.Title}\"");
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
        for (var i = 0; i < pool.Count; i++)
        {
            var age = pool.Newest.DayNumber - pool.Papers[i].LastSeen.DayNumber;
            contribute(i, Math.Pow(0.5, age / options.RecencyHalfLifeDays), $"New in the digest of {pool.Papers[i].LastSeen:yyyy-MM-dd}");
        }
    }

    /// <summary>
    /// "Not interested" and 👎 lower papers like them: similarity to the judged paper (its words by BM25,
    /// and its vector when there is a model, each scaled over the pool) above a threshold costs score.
    /// </summary>
    private static void Penalise(CandidatePool pool, RankingInput input, RecommendationOptions options, double[] total, double[] scratch, bool[] open)
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
            var hasVector = paper.Vector is not null && pool.HasVectors;
            if (hasVector)
            {
                pool.Cosines(paper.Vector!, scratch);
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

    /// <summary>Scales BM25 scores into [0, 1] by the maximum over the open candidates.</summary>
    private static void Scale(Span<double> values, bool[] open)
    {
        var max = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (open[i])
            {
                max = Math.Max(max, values[i]);
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = max > 0 ? Math.Clamp(values[i] / max, 0, 1) : 0;
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
