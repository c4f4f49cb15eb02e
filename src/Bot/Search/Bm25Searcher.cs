using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Search;

/// <summary>Lexical ranking: SQLite FTS5's BM25 over title and abstract, the title weighted higher.</summary>
public sealed class Bm25Searcher(SqliteDatabase database, IOptions<SearchOptions> options)
{
    public IReadOnlyList<ScoredPaper> Search(string query, int limit, SearchFilters filters)
    {
        var terms = QueryTerms.From(query);
        if (terms.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        var (kept, afterRowId) = Prune(connection, terms);
        using var command = connection.CreateCommand();
        var condition = PaperFilterSql.Condition(filters, "papers_fts.rowid", command);
        var newest = filters.IsEmpty && afterRowId > 0 ? "papers_fts.rowid > $after" : "1";
        command.CommandText = $"""
            SELECT papers_fts.rowid, bm25(papers_fts, $titleWeight, 1.0) AS rank FROM papers_fts
            WHERE papers_fts MATCH $match AND {condition} AND {newest}
            ORDER BY rank LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", QueryTerms.ToMatchExpression(kept));
        command.Parameters.AddWithValue("$titleWeight", options.Value.TitleWeight);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$after", afterRowId);
        using var reader = command.ExecuteReader();
        var hits = new List<ScoredPaper>(limit);
        while (reader.Read())
        {
            // FTS5 reports BM25 negated (lower is better); flip it so higher is better everywhere.
            hits.Add(new ScoredPaper(reader.GetInt64(0), -reader.GetDouble(1)));
        }
        return hits;
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
    private (List<string> Terms, long AfterRowId) Prune(Microsoft.Data.Sqlite.SqliteConnection connection, IReadOnlyList<string> terms)
    {
        // max(rowid) stands in for count(*): same order of magnitude, and O(log n) instead of a scan.
        var total = PaperStore.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM papers");
        var share = options.Value.MaxTermDocumentShare;
        var threshold = share >= 1.0 || total * share < 1000 ? long.MaxValue : (long)(total * share);
        // A store smaller than the budget is scored whole whatever the terms: only the share rule applies.
        var budget = total > options.Value.MaxScoredRows ? options.Value.MaxScoredRows : long.MaxValue;
        if (budget == long.MaxValue && (threshold == long.MaxValue || terms.Count <= 1))
        {
            return (terms.ToList(), 0);
        }
        var cap = Math.Min(threshold, budget);
        using var count = PaperStore.Command(connection,
            "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $term LIMIT $cap)", "$term", "$cap");
        var frequencies = new List<(string Term, long Documents)>(terms.Count);
        foreach (var term in terms)
        {
            // Counting stops past the cap: only whether a term is over it matters, and a count costs a walk of its rows.
            PaperStore.Bind(count, QueryTerms.ToMatchExpression([term]), cap + 1);
            frequencies.Add((term, (long)count.ExecuteScalar()!));
        }
        var ordered = frequencies.OrderBy(f => f.Documents).ToList();
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
