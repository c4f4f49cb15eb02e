using System.Numerics.Tensors;
using Bot.Search;

namespace Bot.Recommendations;

/// <summary>
/// How well one of the user's own signals supports a candidate: an interest (<see cref="Which"/> is its
/// index) or a liked or saved paper (its index among them). Affinity is on the signals' common scale
/// (<see cref="SignalScale"/>); <see cref="Words"/> are the interest's words the paper shares.
/// </summary>
internal sealed record Support(bool IsInterest, int Which, double Affinity, bool Holds, IReadOnlyList<string> Words, DateTimeOffset? At);

/// <summary>
/// What in a profile really supports a candidate, for the few candidates a share is counted or a reason
/// written for. The ranker's largest contribution is not enough: BM25 rewards a paper that shares an
/// interest's words in another sense ("diffusion coefficients" for "diffusion model efficiency"), and its
/// scale calls the best such paper a full match; its embedding scale calls the nearest paper a full match
/// even when nothing is near. Here an interest supports a paper only through words they share, and only
/// when the embedding agrees the paper is on the interest's topic; without a model the words alone
/// decide, and more of them must match.
/// </summary>
internal sealed class PickEvidence(CandidatePool pool, RankingInput input, IReadOnlyList<RankedCandidate> ranked)
{
    /// <summary>The ranking's candidates closest to an interest that make up its topic (<see cref="Topic"/>).</summary>
    private const int TopicPapers = 10;

    /// <summary>Similarity to an interest's topic at which shared words are taken in the interest's sense.</summary>
    private const double OnTopic = 0.3;

    /// <summary>Embedding similarity (about one deviation above the mean) at which shared words are taken in the interest's sense.</summary>
    private const double SameSense = 0.3;

    /// <summary>Without a model: the share of the interest's words (by IDF) a paper must hold.</summary>
    private const double WordsAlone = 0.5;

    /// <summary>Embedding similarity to a liked or saved paper that supports a pick (without a model, the share of its distinctive words).</summary>
    private const double KeptFloor = 0.5;

    /// <summary>Papers a query's cosines are sampled over to find its scale: enough for a mean and a deviation, and cheap for every ranking.</summary>
    private const int Sample = 128;

    /// <summary>Support at which a paper already shown may come back (<see cref="StrongSince"/>).</summary>
    public const double Strong = 0.6;

    private readonly List<(ProfilePaper Paper, string Verb)> _kept = ProfileRanker.Kept(input);
    private readonly Dictionary<float[], SignalScale?> _scales = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Support[]> _interests = [];
    private readonly InterestWords[] _words = [.. input.Interests.Select(i => InterestWords.Of(i.Text, pool.Lexical))];
    private HashSet<string>? _signalReasons;
    private (float[] Unit, float[] Sum, HashSet<int> Members)?[]? _topics;

    /// <summary>The interest that best supports the candidate, when one does: the candidate counts toward that interest's share.</summary>
    public int Lane(int index)
    {
        Support? best = null;
        foreach (var support in Interests(index))
        {
            best = support.Holds && (best is null || support.Affinity > best.Affinity) ? support : best;
        }
        return best?.Which ?? -1;
    }

    /// <summary>The signal that best supports the candidate, interests before papers on a tie; null when none holds.</summary>
    public Support? Best(int index) =>
        Interests(index).Concat(KeptSupport(index) is { } kept ? [kept] : []).Where(s => s.Holds).MaxBy(s => s.Affinity);

    /// <summary>
    /// Whether an interest followed, or a paper liked or saved, after <paramref name="shown"/> supports
    /// the candidate strongly: only then may a paper already shown come back.
    /// </summary>
    public bool StrongSince(int index, DateTimeOffset shown) =>
        Interests(index).Concat(KeptSupport(index) is { } kept ? [kept] : []).Any(s => s.Holds && s.Affinity >= Strong && s.At > shown);

    /// <summary>
    /// The reason a pick is shown with. The ranker's reason stands when it is not about the user's
    /// interests or papers (the server's favourites, recency, a question); otherwise it names what really
    /// supports the pick, or says plainly that nothing does.
    /// </summary>
    public string Reason(RankedCandidate candidate)
    {
        if (!BySignals(candidate))
        {
            return candidate.Reason;
        }
        return Best(candidate.Index) switch
        {
            { IsInterest: true } s => PickReasons.InterestWords(input.Interests[s.Which].Text, s.Words, input.ForGroup),
            { } s => PickReasons.Kept(_kept[s.Which].Paper.Title, _kept[s.Which].Verb, input.ForGroup),
            null => PickReasons.Weak([.. Interests(candidate.Index).SelectMany(s => s.Words).Distinct(StringComparer.Ordinal)], input.ForGroup),
        };
    }

    /// <summary>A candidate the ranker put up for the user's interests or papers, which none of them really supports.</summary>
    public bool Loose(RankedCandidate candidate) => BySignals(candidate) && Best(candidate.Index) is null;

    /// <summary>Whether the ranker's reason is about the user's interests or papers (not the server's favourites, recency or a question).</summary>
    private bool BySignals(RankedCandidate candidate)
    {
        _signalReasons ??= [.. input.Interests.Select(t => PickReasons.Interest(t.Text, input.ForGroup)),
            .. _kept.Select(k => PickReasons.Kept(k.Paper.Title, k.Verb, input.ForGroup)),
            .. _kept.Select(k => PickReasons.Preference(k.Paper.Title))];
        return _signalReasons.Contains(candidate.Reason);
    }

    private Support[] Interests(int index)
    {
        if (_interests.TryGetValue(index, out var known))
        {
            return known;
        }
        var supports = new Support[input.Interests.Count];
        for (var q = 0; q < supports.Length; q++)
        {
            var interest = input.Interests[q];
            var (words, share) = SharedWords(_words[q], index);
            var meaning = Semantic(interest.Vector, index);
            // A paper holding every word of the interest uses it as written; the topic check is for words in another sense.
            var sense = words.Count == _words[q].Words.Length || OnTopicOf(q, index) is not { } onTopic || onTopic >= OnTopic;
            supports[q] = meaning is { } s
                ? new Support(true, q, (s + share) / 2, sense && words.Count > 0 && s >= SameSense, words, interest.At)
                : new Support(true, q, share, share >= WordsAlone, words, interest.At);
        }
        _interests[index] = supports;
        return supports;
    }

    /// <summary>
    /// How close the candidate lies to an interest's topic: the mean of the ranking's candidates closest
    /// to the interest, less the candidate itself. A short interest's own embedding is mostly its words,
    /// so it is close to any paper that uses them, in any sense; the papers nearest it are mostly in the
    /// sense the user meant, and a paper using the words in another sense lies far from their mean.
    /// Null without vectors.
    /// </summary>
    private double? OnTopicOf(int q, int index)
    {
        if (Topic(q) is not { } topic)
        {
            return null;
        }
        var candidate = pool.Vector(index);
        if (!topic.Members.Contains(index))
        {
            return Semantic(topic.Unit, index);
        }
        var others = new float[pool.Dimensions];
        TensorPrimitives.Subtract(topic.Sum, candidate, others);
        var norm = TensorPrimitives.Norm(others);
        // Scaled as the whole topic's cosines are: one sample's scale serves every member.
        return norm <= 0 ? 0 : Scale(topic.Unit)?.Apply(TensorPrimitives.Dot(candidate, others) / norm) ?? 0;
    }

    private (float[] Unit, float[] Sum, HashSet<int> Members)? Topic(int q)
    {
        _topics ??= new (float[], float[], HashSet<int>)?[input.Interests.Count];
        if (_topics[q] is { } known)
        {
            return known;
        }
        if (input.Interests[q].Vector is not { } vector || !pool.HasVectors || vector.Length != pool.Dimensions)
        {
            return null;
        }
        var sum = new float[pool.Dimensions];
        var members = ranked.Select(r => r.Index).Distinct().OrderByDescending(i => TensorPrimitives.Dot(vector, pool.Vector(i))).Take(TopicPapers).ToHashSet();
        foreach (var member in members)
        {
            TensorPrimitives.Add(sum, pool.Vector(member), sum);
        }
        if (members.Count < 2 || pool.Unit(sum) is not { } unit)
        {
            return null;
        }
        _topics[q] = (unit, sum, members);
        return _topics[q];
    }

    /// <summary>
    /// The liked or saved paper nearest the candidate (by embedding, or by its distinctive words without
    /// one). The nearest is found by raw cosine and only its scale is sampled: a user with a hundred likes
    /// must not cost a hundred samples per ranking.
    /// </summary>
    private Support? KeptSupport(int index)
    {
        if (_kept.Count == 0)
        {
            return null;
        }
        var candidate = pool.HasVectors ? pool.Vector(index) : default;
        var (nearest, closest) = (0, double.MinValue);
        for (var j = 0; j < _kept.Count; j++)
        {
            // Papers without a vector rank by their words, below every paper with one.
            var closeness = _kept[j].Paper.Vector is { Length: > 0 } v && v.Length == candidate.Length
                ? TensorPrimitives.Dot(v, candidate) : WordShare(_kept[j].Paper.Terms, index) - 2;
            (nearest, closest) = closeness > closest ? (j, closeness) : (nearest, closest);
        }
        var paper = _kept[nearest].Paper;
        var affinity = Semantic(paper.Vector, index) ?? WordShare(paper.Terms, index);
        return new Support(false, nearest, affinity, affinity >= KeptFloor, [], paper.At);
    }

    /// <summary>The interest's words the paper holds (as the interest spells them), and their share of its words by IDF.</summary>
    private (IReadOnlyList<string> Words, double Share) SharedWords(InterestWords interest, int index)
    {
        List<string>? words = null;
        double held = 0;
        for (var w = 0; w < interest.Words.Length; w++)
        {
            var holds = false;
            foreach (var (term, idf) in interest.Terms[w])
            {
                if (pool.Lexical.Has(term, index))
                {
                    held += idf;
                    holds = true;
                }
            }
            if (holds)
            {
                (words ??= []).Add(interest.Words[w]);
            }
        }
        return (words ?? (IReadOnlyList<string>)[], interest.AllIdf > 0 ? held / interest.AllIdf : 0);
    }

    /// <summary>
    /// An interest's distinct words with their terms and IDF, worked out once per ranking: every
    /// shortlisted candidate is checked against them. A term two words share counts for the first.
    /// </summary>
    private sealed record InterestWords(string[] Words, (string Term, double Idf)[][] Terms, double AllIdf)
    {
        public static InterestWords Of(string text, LexicalIndex lexical)
        {
            var counted = new HashSet<string>(StringComparer.Ordinal);
            var words = QueryTerms.Words(text).Distinct(StringComparer.Ordinal)
                .Select(w => (Word: w, Terms: LexicalIndex.Terms(w).Where(counted.Add).Select(t => (t, lexical.Idf(t))).ToArray()))
                .Where(w => w.Terms.Length > 0).ToList();
            return new([.. words.Select(w => w.Word)], [.. words.Select(w => w.Terms)], words.Sum(w => w.Terms.Sum(t => t.Item2)));
        }
    }

    private double WordShare(IReadOnlyDictionary<string, double> terms, int index)
    {
        double held = 0, all = 0;
        foreach (var (term, weight) in terms)
        {
            var value = weight * pool.Lexical.Idf(term);
            all += value;
            held += pool.Lexical.Has(term, index) ? value : 0;
        }
        return all > 0 ? held / all : 0;
    }

    /// <summary>The cosine of a unit query vector and the candidate, on the scale of the query's cosines over a sample of the pool; null without vectors.</summary>
    private double? Semantic(float[]? query, int index)
    {
        if (query is null || !pool.HasVectors || query.Length != pool.Dimensions)
        {
            return null;
        }
        return Scale(query)?.Apply(TensorPrimitives.Dot(query, pool.Vector(index))) ?? 0;
    }

    private SignalScale? Scale(float[] query)
    {
        if (!_scales.TryGetValue(query, out var scale))
        {
            scale = SampledScale(query);
            _scales[query] = scale;
        }
        return scale;
    }

    private SignalScale? SampledScale(float[] query)
    {
        var sample = Samples.GetValue(pool, SampleOf);
        double sum = 0, squares = 0, max = double.MinValue;
        var n = sample.Length / pool.Dimensions;
        for (var i = 0; i < n; i++)
        {
            double cosine = TensorPrimitives.Dot(query, sample.AsSpan(i * pool.Dimensions, pool.Dimensions));
            (sum, squares, max) = (sum + cosine, squares + cosine * cosine, Math.Max(max, cosine));
        }
        return SignalScale.Of(sum, squares, n, max);
    }

    /// <summary>Every ranking over a pool samples the same papers: copied together once, they stay in cache from one user to the next.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CandidatePool, float[]> Samples = [];

    private static float[] SampleOf(CandidatePool pool)
    {
        var step = Math.Max(1, pool.Count / Sample);
        var rows = (pool.Count + step - 1) / step;
        var sample = new float[rows * pool.Dimensions];
        for (var r = 0; r < rows; r++)
        {
            pool.Vector(r * step).CopyTo(sample.AsSpan(r * pool.Dimensions));
        }
        return sample;
    }
}
