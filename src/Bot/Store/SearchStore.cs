using Bot.Search;

namespace Bot.Store;

/// <summary>
/// What search reads: SQLite FTS5's BM25 ranking and how many papers a term matches, the papers a
/// filter allows, and the display fields behind ranked rowids (id, title, abstract, digests, first link).
/// </summary>
public sealed class SearchStore(SqliteDatabase database)
{
    /// <summary>max(rowid) stands in for count(*): same order of magnitude, and O(log n) instead of a scan.</summary>
    public long PaperCountEstimate()
    {
        using var connection = database.Open();
        return Sql.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM papers");
    }

    /// <summary>How many papers each FTS5 match expression matches, counting no further than <paramref name="cap"/>.</summary>
    public IReadOnlyList<long> CountMatches(IReadOnlyList<string> matchExpressions, long cap)
    {
        using var connection = database.Open();
        using var count = Sql.Command(connection,
            "SELECT count(*) FROM (SELECT 1 FROM papers_fts WHERE papers_fts MATCH $term LIMIT $cap)", "$term", "$cap");
        var counts = new List<long>(matchExpressions.Count);
        foreach (var expression in matchExpressions)
        {
            Sql.Bind(count, expression, cap);
            counts.Add((long)count.ExecuteScalar()!);
        }
        return counts;
    }

    /// <summary>
    /// The best <paramref name="limit"/> papers for an FTS5 match expression by BM25 over title and
    /// abstract, the title weighted by <paramref name="titleWeight"/>; only rowids above
    /// <paramref name="afterRowId"/> when it is positive and nothing is filtered.
    /// </summary>
    public IReadOnlyList<ScoredPaper> RankBm25(string matchExpression, double titleWeight, int limit, SearchFilters filters, long afterRowId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var condition = PaperFilterSql.Condition(filters, "papers_fts.rowid", command);
        var newest = filters.IsEmpty && afterRowId > 0 ? "papers_fts.rowid > $after" : "1";
        command.CommandText = $"""
            SELECT papers_fts.rowid, bm25(papers_fts, $titleWeight, 1.0) AS rank FROM papers_fts
            WHERE papers_fts MATCH $match AND {condition} AND {newest}
            ORDER BY rank LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", matchExpression);
        command.Parameters.AddWithValue("$titleWeight", titleWeight);
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

    /// <summary>The rowids of every paper listed in a digest that matches the filters.</summary>
    public HashSet<long> RowIdsMatching(SearchFilters filters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid FROM papers WHERE {PaperFilterSql.Condition(filters, "rowid", command)}";
        using var reader = command.ExecuteReader();
        var allowed = new HashSet<long>();
        while (reader.Read())
        {
            allowed.Add(reader.GetInt64(0));
        }
        return allowed;
    }

    /// <summary>Ranked rowids as a user sees them, in rank order; a rowid no longer stored is skipped.</summary>
    public IReadOnlyList<SearchResult> Results(IReadOnlyList<ScoredPaper> ranked)
    {
        if (ranked.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT p.id, p.title, p.abstract, p.first_seen,
                   (SELECT group_concat(short_id, char(10)) FROM (SELECT d.short_id FROM appearances a JOIN digests d ON d.id = a.digest_id WHERE a.paper_rowid = p.rowid ORDER BY a.digest_id)),
                   (SELECT url FROM links l WHERE l.paper_rowid = p.rowid ORDER BY l.rowid LIMIT 1),
                   EXISTS (SELECT 1 FROM appearances a JOIN digests d ON d.id = a.digest_id
                           WHERE a.paper_rowid = p.rowid AND d.digest_date = p.first_seen AND d.date_from_header = 1)
            FROM papers p WHERE p.rowid = $rowid
            """, "$rowid");
        var results = new List<SearchResult>(ranked.Count);
        foreach (var hit in ranked)
        {
            command.Parameters[0].Value = hit.RowId;
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                continue;
            }
            var digests = reader.IsDBNull(4) ? [] : reader.GetString(4).Split('\n');
            results.Add(new SearchResult(reader.GetString(0), reader.GetString(1), reader.GetString(2), hit.Score,
                PaperStore.ParseDate(reader.GetString(3)), digests, reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                RowId = hit.RowId,
                FirstSeenKnown = reader.GetInt64(6) != 0,
            });
        }
        return results;
    }
}
