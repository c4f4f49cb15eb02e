using Bot.Store;

namespace Bot.Search;

/// <summary>Turns ranked rowids into what a user sees: id, title, abstract, digests, first link.</summary>
internal static class ResultHydrator
{
    public static IReadOnlyList<SearchResult> Hydrate(SqliteDatabase database, IReadOnlyList<ScoredPaper> ranked)
    {
        if (ranked.Count == 0)
        {
            return [];
        }
        using var connection = database.Open();
        using var command = PaperStore.Command(connection, """
            SELECT p.id, p.title, p.abstract, p.first_seen,
                   (SELECT group_concat(short_id, char(10)) FROM (SELECT d.short_id FROM appearances a JOIN digests d ON d.id = a.digest_id WHERE a.paper_rowid = p.rowid ORDER BY a.digest_id)),
                   (SELECT url FROM links l WHERE l.paper_rowid = p.rowid ORDER BY l.rowid LIMIT 1)
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
                PaperStore.ParseDate(reader.GetString(3)), digests, reader.IsDBNull(5) ? null : reader.GetString(5)) { RowId = hit.RowId });
        }
        return results;
    }
}
