using System.Text.Json;
using Bot.Digests;
using Bot.Store;

namespace Bot.Search;

/// <summary>Ranking quality of one mode over a judged query set.</summary>
public sealed record SearchMetrics(double NdcgAt10, double RecallAt10, double Mrr, int Queries);

/// <summary>A judged query: relevance grades (1 partial, 2 clear) by exact paper title.</summary>
public sealed record JudgedQuery(string Id, string Query, IReadOnlyDictionary<string, int> Relevant);

/// <summary>The evaluation file is malformed or names papers the store does not hold.</summary>
public sealed class EvaluationDataException(string message) : Exception(message);

/// <summary>
/// nDCG@10 (linear gains, log2 discount, ideal from every judged paper), Recall@10 (share of the judged
/// papers found in the top ten) and MRR (reciprocal rank of the first judged paper within the top 100).
/// </summary>
public sealed class SearchEvaluator(SearchService search, PaperStore store)
{
    public static IReadOnlyList<JudgedQuery> Load(string path) =>
        EvaluationFile.Read(path, "{\"qid\", \"query\", \"relevant\": {\"<title>\": 1|2}}", (root, id) =>
        {
            var relevant = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("relevant").EnumerateObject())
            {
                relevant[property.Name] = property.Value.GetInt32();
            }
            return new JudgedQuery(id, root.GetProperty("query").GetString() ?? "", relevant);
        });

    public async Task<SearchMetrics> EvaluateAsync(IReadOnlyList<JudgedQuery> queries, SearchMode mode, CancellationToken cancellationToken)
    {
        var resolved = Resolve(queries);
        double ndcg = 0, recall = 0, mrr = 0;
        foreach (var (query, grades) in resolved)
        {
            var ranked = await search.RankAsync(query.Query, mode, 100, SearchFilters.None, cancellationToken);
            var ids = ranked.Select(r => r.RowId).ToList();
            ndcg += Ndcg(ids, grades, 10);
            recall += grades.Count == 0 ? 0 : (double)ids.Take(10).Count(grades.ContainsKey) / grades.Count;
            var first = ids.FindIndex(grades.ContainsKey);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
        }
        var n = Math.Max(1, resolved.Count);
        return new SearchMetrics(ndcg / n, recall / n, mrr / n, resolved.Count);
    }

    public static double Ndcg(IReadOnlyList<long> ranked, IReadOnlyDictionary<long, int> grades, int cutoff)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            dcg += grades.GetValueOrDefault(ranked[i]) / Math.Log2(i + 2);
        }
        var ideal = grades.Values.OrderDescending().Take(cutoff).Select((g, i) => g / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private List<(JudgedQuery Query, Dictionary<long, int> Grades)> Resolve(IReadOnlyList<JudgedQuery> queries)
    {
        var missing = new List<string>();
        var resolved = new List<(JudgedQuery, Dictionary<long, int>)>();
        foreach (var query in queries)
        {
            var grades = new Dictionary<long, int>();
            foreach (var (title, grade) in query.Relevant)
            {
                if (store.FindPaper(title) is { } paper && TitleKey.From(paper.Title) == TitleKey.From(title))
                {
                    grades[paper.RowId] = grade;
                }
                else
                {
                    missing.Add($"{query.Id}: \"{title}\"");
                }
            }
            resolved.Add((query, grades));
        }
        if (missing.Count > 0)
        {
            throw new EvaluationDataException(
                $"{missing.Count} judged titles match no stored paper (ingest the digests they come from first): {string.Join("; ", missing.Take(10))}");
        }
        return resolved;
    }
}
