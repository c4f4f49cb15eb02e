using System.Runtime.InteropServices;
using Bot.Recommendations;

namespace Bot.Store;

/// <summary>What recommendations read: the candidate papers with their vectors, and the texts of any papers by rowid.</summary>
public sealed class CandidateStore(SqliteDatabase database)
{
    /// <summary>
    /// The newest <paramref name="max"/> papers by their latest digest, each with its vector from
    /// <paramref name="modelId"/> (null where it has none yet, or with no model).
    /// </summary>
    public (List<CandidatePaper> Papers, List<float[]?> Vectors) Newest(string? modelId, int max)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT p.rowid, p.id, p.title, p.abstract, p.first_seen, p.last_seen,
                   (SELECT url FROM links l WHERE l.paper_rowid = p.rowid ORDER BY l.rowid LIMIT 1),
                   (SELECT vector FROM embeddings e WHERE e.model_id = $model AND e.paper_rowid = p.rowid)
            FROM papers p ORDER BY p.last_seen DESC, p.rowid DESC LIMIT $limit
            """, "$model", "$limit");
        Sql.Bind(command, (object?)modelId ?? DBNull.Value, max);
        using var reader = command.ExecuteReader();
        var rows = new List<CandidatePaper>();
        var vectors = new List<float[]?>();
        while (reader.Read())
        {
            rows.Add(new CandidatePaper(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                PaperStore.ParseDate(reader.GetString(4)), PaperStore.ParseDate(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
            vectors.Add(reader.IsDBNull(7) ? null : MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(7)).ToArray());
        }
        return (rows, vectors);
    }

    /// <summary>Titles and abstracts by rowid; a rowid no longer stored is left out.</summary>
    public IReadOnlyDictionary<long, (string Title, string Abstract)> Texts(IEnumerable<long> rowIds)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "SELECT title, abstract FROM papers WHERE rowid = $rowid", "$rowid");
        var texts = new Dictionary<long, (string, string)>();
        foreach (var rowId in rowIds.Distinct())
        {
            Sql.Bind(command, rowId);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                texts[rowId] = (reader.GetString(0), reader.GetString(1));
            }
        }
        return texts;
    }
}
