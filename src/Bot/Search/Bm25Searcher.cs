using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Search;

/// <summary>Lexical ranking: SQLite FTS5's BM25 over title and abstract, the title weighted higher.</summary>
public sealed class Bm25Searcher(SearchStore store, IOptions<SearchOptions> options)
{
    public IReadOnlyList<ScoredPaper> Search(string query, int limit, SearchFilters filters)
    {
        var terms = QueryTerms.From(query);
        if (terms.Count == 0)
        {
            return [];
        }
        var (kept, afterRowId) = Prune(terms);
        return store.RankBm25(QueryTerms.ToMatchExpression(kept), options.Value.TitleWeight, limit, filters, afterRowId);
    }

    /// <summary>
    /// FTS5 scores every row that matches any term (about 1 µs a row on the benchmark machine), so
    /// latency follows the number of matching rows, not the number of results. Terms are taken rarest
    /// first while (a) each is in at most <see cref="SearchOptions.MaxTermDocumentShare"/> of papers (a
    /// common word adds almost nothing to the ranking, its IDF is near zero) and (b) together they match
    /// at most <see cref="SearchOptions.MaxScoredRows"/> papers. The rarest term is always kept; when even
    /// it matches more papers than that, only the newest MaxScoredRows papers are scored (unfiltered
    /// searches: a filter narrows the rows itself), so a query of only common words still answers fast.
    /// </summary>
    /// <returns>The terms to match, and the rowid newer papers must have (0: no limit).</returns>
    private (List<string> Terms, long AfterRowId) Prune(IReadOnlyList<string> terms)
    {
        var total = store.PaperCountEstimate();
        var share = options.Value.MaxTermDocumentShare;
        var threshold = share >= 1.0 || total * share < 1000 ? long.MaxValue : (long)(total * share);
        // A store smaller than the budget is scored whole whatever the terms: only the share rule applies.
        var budget = total > options.Value.MaxScoredRows ? options.Value.MaxScoredRows : long.MaxValue;
        if (budget == long.MaxValue && (threshold == long.MaxValue || terms.Count <= 1))
        {
            return (terms.ToList(), 0);
        }
        var cap = Math.Min(threshold, budget);
        // Counting stops past the cap: only whether a term is over it matters, and a count costs a walk of its rows.
        var counts = store.CountMatches([.. terms.Select(term => QueryTerms.ToMatchExpression([term]))], cap + 1);
        var ordered = terms.Zip(counts, (term, documents) => (Term: term, Documents: documents)).OrderBy(f => f.Documents).ToList();
        var kept = new List<string>(terms.Count);
        long scored = 0;
        foreach (var (term, documents) in ordered)
        {
            if (documents > threshold || scored + documents > budget)
            {
                break;
            }
            kept.Add(term);
            scored += documents;
        }
        if (kept.Count > 0)
        {
            return (kept, 0);
        }
        var (rarest, rarestDocuments) = ordered[0];
        return ([rarest], rarestDocuments > budget ? Math.Max(0, total - budget) : 0);
    }
}
