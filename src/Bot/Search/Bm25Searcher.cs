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
        terms = DropVeryCommonTerms(connection, terms);
        using var command = connection.CreateCommand();
        var condition = PaperFilterSql.Condition(filters, "papers_fts.rowid", command);
        command.CommandText = $"""
            SELECT papers_fts.rowid, bm25(papers_fts, $titleWeight, 1.0) AS rank FROM papers_fts
            WHERE papers_fts MATCH $match AND {condition}
            ORDER BY rank LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", QueryTerms.ToMatchExpression(terms));
        command.Parameters.AddWithValue("$titleWeight", options.Value.TitleWeight);
        command.Parameters.AddWithValue("$limit", limit);
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
    /// FTS5 scores every row that matches any term, so one word found in most papers makes a query
    /// slow on a large store while adding almost nothing to the ranking (its IDF is near zero).
    /// Such terms are dropped, always keeping the rarest ones.
    /// </summary>
    private List<string> DropVeryCommonTerms(Microsoft.Data.Sqlite.SqliteConnection connection, IReadOnlyList<string> terms)
    {
        var share = options.Value.MaxTermDocumentShare;
        if (share >= 1.0 || terms.Count <= 1)
        {
            return terms.ToList();
        }
        // max(rowid) stands in for count(*): same order of magnitude, and O(log n) instead of a scan.
        var total = PaperStore.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM papers");
        var threshold = (long)(total * share);
        if (threshold < 1000)
        {
            return terms.ToList();
        }
        using var count = PaperStore.Command(connection,
            "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $term LIMIT $cap)", "$term", "$cap");
        var frequencies = new List<(string Term, long Documents)>(terms.Count);
        foreach (var term in terms)
        {
            PaperStore.Bind(count, QueryTerms.ToMatchExpression([term]), threshold + 1);
            frequencies.Add((term, (long)count.ExecuteScalar()!));
        }
        var kept = frequencies.Where(f => f.Documents <= threshold).Select(f => f.Term).ToList();
        return kept.Count > 0 ? kept : frequencies.OrderBy(f => f.Documents).Take(2).Select(f => f.Term).ToList();
    }
}
