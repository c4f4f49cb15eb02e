namespace Bot.Recommendations;

/// <summary>
/// Scores every candidate for one profile as a weighted sum of signals, each put on one scale over the
/// pool (<see cref="SignalScale"/>): BM25 of each interest statement, embedding similarity to the
/// interests, BM25 of liked and saved papers' distinctive words, embedding similarity to them, a
/// per-user logistic regression once there is feedback, the server's popular papers, and a recency
/// prior; papers close to dismissed or disliked ones are pushed down. The largest contribution names
/// the reason.
/// </summary>
internal static class ProfileRanker
{
    private const double QuestionShare = 0.3;

    /// <returns>The best <paramref name="keep"/> open candidates, best first.</returns>
    public static List<RankedCandidate> Rank(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random, int keep) =>
        RankMany(pool, [input], options, [random], keep)[0];

    /// <summary>
    /// Ranks several profiles that choose among the same papers (the same <see cref="RankingInput.Among"/>)
    /// with one pass over the candidates' vectors for all of them: over a large pool that pass is bound by
    /// memory, and each block of rows is then read once for every profile's vectors. Each profile's
    /// ranking is the one <see cref="Rank"/> gives it.
    /// </summary>
    /// <param name="randoms">One per profile: the regression's negative samples.</param>
    /// <param name="keeps">Per profile, how many to keep when they differ (a profile of several interests needs a longer shortlist); else <paramref name="keep"/> for all.</param>
    public static List<RankedCandidate>[] RankMany(CandidatePool pool, IReadOnlyList<RankingInput> inputs, RecommendationOptions options, IReadOnlyList<Random> randoms,
        int keep, IReadOnlyList<int>? keeps = null)
    {
        if (inputs.Count == 0)
        {
            return [];
        }
        if (inputs.Any(i => !ReferenceEquals(i.Among, inputs[0].Among)))
        {
            throw new ArgumentException("profiles ranked together must choose among the same papers", nameof(inputs));
        }
        var board = pool.RentBoard();
        try
        {
            board.Restrict(inputs[0].Among);
            var vectors = new List<float[]>();
            var users = new List<ProfileVectors>(inputs.Count);
            for (var u = 0; u < inputs.Count; u++)
            {
                users.Add(ProfileVectors.For(pool, inputs[u], Preference(pool, inputs[u], options, randoms[u]), vectors));
            }
            board.Scan(vectors);
            return [.. inputs.Select((input, u) => Score(board, input, users[u], options, keeps?[u] ?? keep))];
        }
        finally
        {
            pool.Return(board);
        }
    }

    /// <summary>
    /// One profile's score for every open candidate: a weighted sum of signals, each on the common scale
    /// over the open candidates, one line per signal below; the largest contribution names the reason.
    /// </summary>
    /// <remarks>
    /// A new signal is one more line here: BM25 queries through <see cref="ScoreBoard.Lexical"/>, vector
    /// queries through <see cref="VectorSignal"/> (add the vectors in <see cref="ProfileVectors.For"/> so
    /// that the batch's scan scores them), a value per candidate slot through <see cref="ScoreBoard.Dense"/>,
    /// or a few papers through <see cref="ScoreBoard.Add"/>; each names its reasons with <see cref="ScoreBoard.Reasons"/>.
    /// The order of the lines is the order the totals are summed in.
    /// </remarks>
    private static List<RankedCandidate> Score(ScoreBoard board, RankingInput input, ProfileVectors vectors, RecommendationOptions options, int keep)
    {
        if (!board.Begin(input.Excluded, vectors.Rows))
        {
            return [];
        }
        var share = options.BestMatchShare;
        var interestReason = (ProfileText t) => PickReasons.Interest(t.Text, input.ForGroup);
        board.Lexical(input.Interests, options.InterestLexicalWeight, share, interestReason, t => (t.Terms, null));
        VectorSignal(board, input.Interests, options.InterestVectorWeight, share, interestReason, t => vectors.RowOf(t.Vector), keepNearest: false);
        board.Lexical(input.Questions, options.InterestLexicalWeight * QuestionShare, share, t => $"Related to a question you asked: \"{Short(t.Text)}\"", t => (t.Terms, null));

        var kept = Kept(input);
        var keptReason = ((ProfilePaper Paper, string Verb) k) => PickReasons.Kept(k.Paper.Title, k.Verb, input.ForGroup);
        board.Lexical(kept, options.LikedLexicalWeight, share, keptReason, k => (k.Paper.Terms.Keys, k.Paper.Terms));
        var keptScored = VectorSignal(board, kept, options.LikedVectorWeight, share, keptReason, k => vectors.RowOf(k.Paper.Vector), keepNearest: true);

        if (vectors.RowOf(vectors.Preference) is var preference and >= 0)
        {
            // The reason names the liked or saved paper nearest by vector (found while scoring those); one string per paper.
            var first = board.Reasons(kept.Select(k => PickReasons.Preference(k.Paper.Title)));
            board.Dense(board.Scaled(preference), options.PreferenceWeight * Ramp(input, options), first, keptScored ? board.NearestKept : null);
        }
        Popularity(board.Pool, input, options, (i, value, reason) => board.Add(i, options.PopularityWeight * (input.ForGroup ? 3 : 1), value, board.Reasons([reason])));
        if (options.RecencyWeight > 0)
        {
            var prior = board.Pool.Recency(options.RecencyHalfLifeDays);
            board.Domain.UseRecency(prior);
            board.Dense(board.Domain.Recency, options.RecencyWeight, board.Reasons(prior.Reasons), board.Domain.RecencyReason);
        }
        if (options.DismissPenalty > 0)
        {
            foreach (var paper in input.Dismissed.Concat(input.Disliked))
            {
                board.Penalise(paper.Terms.Keys, paper.Terms, vectors.RowOf(paper.Vector), options.DismissPenalty, options.DismissSimilarity);
            }
        }
        return board.Top(keep);
    }

    /// <summary>Each vector is a query against every candidate; returns whether the group was scored.</summary>
    private static bool VectorSignal<T>(ScoreBoard board, IReadOnlyList<T> queries, double weight, double share, Func<T, string> reason, Func<T, int> row, bool keepNearest)
    {
        if (weight <= 0 || queries.Count == 0)
        {
            return false;
        }
        var first = board.Reasons(queries.Select(reason));
        board.Vector([.. queries.Select(row)], weight, share, first, keepNearest);
        return true;
    }

    internal static List<(ProfilePaper Paper, string Verb)> Kept(RankingInput input) =>
        [.. input.Liked.Select(p => (Paper: p, Verb: "liked")), .. input.Saved.Select(p => (Paper: p, Verb: "saved"))];

    /// <summary>The regression's share grows with feedback: a handful of clicks must not outvote what the user said they follow.</summary>
    private static double Ramp(RankingInput input, RecommendationOptions options) =>
        (double)input.FeedbackCount / (input.FeedbackCount + options.PreferenceHalfFeedback);

    /// <summary>The regression's weights without the bias: a direction the candidates are scored along (its bias would shift every score alike, and the scale subtracts the mean).</summary>
    private static float[]? Preference(CandidatePool pool, RankingInput input, RecommendationOptions options, Random random)
    {
        var positives = Kept(input).Where(k => k.Paper.Vector is not null).ToList();
        if (!pool.HasVectors || options.PreferenceWeight <= 0 || positives.Count == 0)
        {
            return null;
        }
        var positiveIds = positives.Select(p => p.Paper.RowId).ToHashSet();
        var negatives = input.Disliked.Concat(input.Dismissed).Where(p => p.Vector is not null).Select(p => p.Vector!).ToList();
        var weights = LogisticPreference.Fit(pool, [.. positives.Select(p => p.Paper.Vector!)], negatives, positiveIds.Contains,
            options.NegativeSamples, options.Regularization, random);
        return weights?[..pool.Dimensions];
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

    private static string Short(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
