using Bot.Answers;
using Bot.Search;

namespace Bot.Recommendations;

/// <summary>
/// BM25 over the candidate papers, in memory: built once per candidate set, then asked thousands of
/// times (one query per interest and liked paper of every user) without touching SQLite. Words are
/// <see cref="AnswerTerms"/> (no function words, light stemming); title words count twice, as in search.
/// </summary>
public sealed class LexicalIndex
{
    private const int TitleRepeat = 2;

    /// <summary>Per word, its documents and each one's BM25 term weight before the IDF (which depends only on the word): a query adds IDF × weight per posting.</summary>
    private readonly Dictionary<string, (int[] Documents, double[] Weights)> _postings;
    private readonly float[] _lengths;
    private readonly double _averageLength;

    public LexicalIndex(IReadOnlyList<(string Title, string Abstract)> documents)
    {
        Count = documents.Count;
        _lengths = new float[Count];
        var lists = new Dictionary<string, (List<int> Documents, List<float> Frequencies)>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < Count; d++)
        {
            counts.Clear();
            var length = 0;
            foreach (var (text, repeat) in (ReadOnlySpan<(string, int)>)[(documents[d].Title, TitleRepeat), (documents[d].Abstract, 1)])
            {
                foreach (var term in AnswerTerms.From(text))
                {
                    counts[term] = counts.GetValueOrDefault(term) + repeat;
                    length += repeat;
                }
            }
            _lengths[d] = length;
            foreach (var (term, frequency) in counts)
            {
                if (!lists.TryGetValue(term, out var list))
                {
                    list = ([], []);
                    lists[term] = list;
                }
                list.Documents.Add(d);
                list.Frequencies.Add(frequency);
            }
        }
        _averageLength = Count == 0 ? 1 : Math.Max(1, _lengths.Average());
        var averageLength = _averageLength;
        _postings = lists.ToDictionary(p => p.Key, p => (p.Value.Documents.ToArray(),
            p.Value.Documents.Select((d, i) => Bm25Formula.Term(1, p.Value.Frequencies[i], _lengths[d], averageLength)).ToArray()), StringComparer.Ordinal);
    }

    public int Count { get; }

    /// <summary>A query's terms, split as the documents were.</summary>
    public static IReadOnlyList<string> Terms(string text) => AnswerTerms.From(text);

    public double Idf(string term) =>
        _postings.TryGetValue(term, out var posting) ? Idf(posting.Documents.Length) : 0;

    private double Idf(int documentFrequency) => Bm25Formula.Idf(Count, documentFrequency);

    /// <summary>
    /// Adds each matching document's BM25 into <paramref name="scores"/>, which must be zero where no
    /// earlier query touched it, and lists the documents it touched for the first time in
    /// <paramref name="touched"/>: the work follows the query terms' postings, not the whole index.
    /// </summary>
    public void ScoreSparse(IEnumerable<string> terms, Span<double> scores, List<int> touched, IReadOnlyDictionary<string, double>? termWeights = null)
    {
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var posting))
            {
                continue;
            }
            var idf = Idf(posting.Documents.Length) * (termWeights?.GetValueOrDefault(term, 1.0) ?? 1.0);
            var (documents, weights) = posting;
            for (var i = 0; i < documents.Length; i++)
            {
                var d = documents[i];
                if (scores[d] == 0)
                {
                    touched.Add(d);
                }
                scores[d] += idf * weights[i];
            }
        }
    }

    /// <summary>As <see cref="ScoreSparse"/>, without listing the documents: for queries whose words are in most documents, read densely afterwards.</summary>
    public void ScoreDense(IEnumerable<string> terms, Span<double> scores, IReadOnlyDictionary<string, double>? termWeights = null)
    {
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var posting))
            {
                continue;
            }
            var idf = Idf(posting.Documents.Length) * (termWeights?.GetValueOrDefault(term, 1.0) ?? 1.0);
            var (documents, weights) = posting;
            for (var i = 0; i < documents.Length; i++)
            {
                scores[documents[i]] += idf * weights[i];
            }
        }
    }

    /// <summary>Whether a document holds the word: a binary search of its postings (built in document order), for the few picks a reason is written for.</summary>
    public bool Has(string term, int document) =>
        _postings.TryGetValue(term, out var posting) && Array.BinarySearch(posting.Documents, document) >= 0;

    /// <summary>How many postings the query's distinct words have: an upper bound on the documents it touches.</summary>
    public long Postings(IEnumerable<string> terms)
    {
        long count = 0;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            count += _postings.TryGetValue(term, out var posting) ? posting.Documents.Length : 0;
        }
        return count;
    }

    /// <summary>
    /// The words that best tell a paper apart from the others (term frequency times IDF), with their
    /// weights: a liked paper becomes a query for "more like this".
    /// </summary>
    public IReadOnlyDictionary<string, double> DistinctiveTerms(string title, string abstractText, int count)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in AnswerTerms.From(title))
        {
            frequencies[term] = frequencies.GetValueOrDefault(term) + TitleRepeat;
        }
        foreach (var term in AnswerTerms.From(abstractText))
        {
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
        }
        return frequencies
            .Where(f => _postings.ContainsKey(f.Key))
            .Select(f => (f.Key, Frequency: 1 + Math.Log(f.Value)))
            .OrderByDescending(f => f.Frequency * Idf(f.Key)).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(count)
            // The weight is the word's frequency in the paper; Score multiplies in the IDF itself.
            .ToDictionary(f => f.Key, f => f.Frequency, StringComparer.Ordinal);
    }
}
