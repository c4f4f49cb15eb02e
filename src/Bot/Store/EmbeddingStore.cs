using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Bot.Store;

/// <summary>Vectors per paper and model id. Vectors are stored as little-endian float32 blobs.</summary>
public sealed class EmbeddingStore(SqliteDatabase database)
{
    public void Write(string modelId, IReadOnlyList<(long RowId, float[] Vector)> vectors)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        PaperStore.BumpGeneration(connection);
        var generation = Sql.Scalar<long>(connection, "SELECT value FROM store_meta WHERE key = 'generation'");
        using var insert = Sql.Command(connection, """
            INSERT INTO embeddings(model_id, paper_rowid, dimensions, vector, generation) VALUES ($model, $rowid, $dims, $vector, $generation)
            ON CONFLICT(model_id, paper_rowid) DO UPDATE SET
                dimensions = excluded.dimensions, vector = excluded.vector, generation = excluded.generation
            """, "$model", "$rowid", "$dims", "$vector", "$generation");
        foreach (var (rowId, vector) in vectors)
        {
            Sql.Bind(insert, modelId, rowId, vector.Length, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(), generation);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Papers that have no vector for <paramref name="modelId"/> yet, oldest first.</summary>
    public IReadOnlyList<(long RowId, string Title, string Abstract)> PapersWithoutVectors(string modelId, int limit)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT p.rowid, p.title, p.abstract FROM papers p
            WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = $model AND e.paper_rowid = p.rowid)
            ORDER BY p.rowid LIMIT $limit
            """, "$model", "$limit");
        Sql.Bind(command, modelId, limit);
        using var reader = command.ExecuteReader();
        var papers = new List<(long, string, string)>();
        while (reader.Read())
        {
            papers.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }
        return papers;
    }

    /// <summary>The stored vectors of the given papers for one model; papers without one are absent.</summary>
    public IReadOnlyDictionary<long, float[]> VectorsFor(string modelId, IReadOnlyList<long> rowIds)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT vector FROM embeddings WHERE model_id = $model AND paper_rowid = $rowid", "$model", "$rowid");
        var vectors = new Dictionary<long, float[]>();
        foreach (var rowId in rowIds)
        {
            Sql.Bind(command, modelId, rowId);
            if (command.ExecuteScalar() is byte[] blob)
            {
                vectors[rowId] = MemoryMarshal.Cast<byte, float>(blob).ToArray();
            }
        }
        return vectors;
    }

    public long Count(string modelId)
    {
        using var connection = database.Open();
        return Sql.Scalar<long>(connection, "SELECT count(*) FROM embeddings WHERE model_id = $model", ("$model", modelId));
    }

    /// <summary>
    /// Streams the vectors of one model written after store generation <paramref name="afterGeneration"/>
    /// (-1 for all), in rowid order.
    /// </summary>
    public void ReadVectors(string modelId, long afterGeneration, Action<long, ReadOnlySpan<float>> onVector)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT paper_rowid, vector FROM embeddings WHERE model_id = $model AND generation > $after ORDER BY paper_rowid",
            "$model", "$after");
        Sql.Bind(command, modelId, afterGeneration);
        using var reader = command.ExecuteReader();
        var buffer = new byte[16 * 1024];
        while (reader.Read())
        {
            var length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }
            reader.GetBytes(1, 0, buffer, 0, length);
            onVector(reader.GetInt64(0), MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, length)));
        }
    }
}
