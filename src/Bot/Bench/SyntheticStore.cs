using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Bot.Store;
using Microsoft.Data.Sqlite;

namespace Bot.Bench;

/// <summary>What the search benchmark runs against.</summary>
public sealed record SyntheticStoreInfo(string Path, int Papers, int Dimensions, string ModelId, bool Reused, double BuildSeconds);

/// <summary>
/// A store of <c>N</c> synthetic papers (Zipf-sampled titles and ~150-word abstracts, 100 per digest,
/// one link each) with one random unit vector per paper. Rows go in with plain SQL through prepared
/// statements in one transaction, but the FTS triggers stay, so the full-text index is the real one.
/// The bench connection alone runs without a journal or fsync: a crash mid-build loses only a bench store.
/// </summary>
public sealed class SyntheticStore(SqliteDatabase database, ZipfVocabulary vocabulary, Action<string> progress)
{
    private const int PapersPerDigest = 100;
    private const string PapersKey = "bench_synthetic_papers";
    private const string DimensionsKey = "bench_synthetic_dimensions";

    /// <summary>The stand-in generator's own model id.</summary>
    public static string GeneratorIdFor(int dimensions) => $"bench-synthetic-{dimensions}d";

    /// <summary>
    /// The id the vectors are stored under: the generator's id and the pooling, as for a real model.
    /// Bench hosts embed papers whole (<see cref="BenchHost"/> sets the <c>first</c> strategy).
    /// </summary>
    public static string ModelIdFor(int dimensions) => $"{GeneratorIdFor(dimensions)}/{Embeddings.PaperVectorizer.FirstSignature}";

    /// <summary>Reuses the store when it already holds this synthetic set, builds it when the store is empty, refuses otherwise.</summary>
    public SyntheticStoreInfo Ensure(int papers, int dimensions, int seed)
    {
        var modelId = ModelIdFor(dimensions);
        using (var connection = database.Open())
        {
            var existing = Sql.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM papers");
            if (existing > 0)
            {
                var marked = Sql.Scalar<long>(connection, $"SELECT coalesce((SELECT value FROM store_meta WHERE key = '{PapersKey}'), 0)");
                var markedDimensions = Sql.Scalar<long>(connection, $"SELECT coalesce((SELECT value FROM store_meta WHERE key = '{DimensionsKey}'), 0)");
                var vectors = Sql.Scalar<long>(connection, "SELECT count(*) FROM embeddings WHERE model_id = $model", ("$model", modelId));
                if (marked == papers && markedDimensions == dimensions && vectors == papers)
                {
                    return new SyntheticStoreInfo(database.FilePath, papers, dimensions, modelId, Reused: true, 0);
                }
                throw new BenchException(
                    $"{database.FilePath} holds {existing:N0} papers but not a synthetic set of {papers:N0} papers with {dimensions}-d vectors; pass a new --db path");
            }
        }
        var started = Stopwatch.GetTimestamp();
        Build(papers, dimensions, modelId, seed);
        return new SyntheticStoreInfo(database.FilePath, papers, dimensions, modelId, Reused: false, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private void Build(int papers, int dimensions, string modelId, int seed)
    {
        // The store's own pooled connection (from migrating) keeps the file in WAL mode; close it so
        // this connection may switch to a rollback journal, which writes a fresh file's pages only once.
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString());
        connection.Open();
        SqliteDatabase.Execute(connection, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144;");
        using (var transaction = connection.BeginTransaction())
        {
            Insert(connection, papers, dimensions, modelId, seed);
            SqliteDatabase.Execute(connection, $"""
                INSERT INTO store_meta(key, value) VALUES ('{PapersKey}', {papers}), ('{DimensionsKey}', {dimensions});
                UPDATE store_meta SET value = value + 1 WHERE key = 'generation';
                """);
            transaction.Commit();
        }
        SqliteDatabase.Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    private void Insert(SqliteConnection connection, int papers, int dimensions, string modelId, int seed)
    {
        using var digest = Sql.Command(connection, """
            INSERT INTO digests(id, short_id, content_hash, source, format, digest_date, date_from_header, arrived_at, ingested_at, paper_count)
            VALUES ($id, $id, $id, $source, 'text', $date, 1, $now, $now, $count)
            """, "$id", "$source", "$date", "$now", "$count");
        using var paper = Sql.Command(connection, """
            INSERT INTO papers(rowid, id, title_key, title, abstract, first_seen, last_seen, added_at)
            VALUES ($rowid, $id, $key, $title, $abstract, $date, $date, $now)
            """, "$rowid", "$id", "$key", "$title", "$abstract", "$date", "$now");
        using var appearance = Sql.Command(connection,
            "INSERT INTO appearances(digest_id, position, paper_rowid) VALUES ($digest, $position, $rowid)", "$digest", "$position", "$rowid");
        using var link = Sql.Command(connection,
            "INSERT INTO links(paper_rowid, url, kind) VALUES ($rowid, $url, 'paper')", "$rowid", "$url");
        using var embedding = Sql.Command(connection,
            "INSERT INTO embeddings(model_id, paper_rowid, dimensions, vector) VALUES ($model, $rowid, $dims, $vector)",
            "$model", "$rowid", "$dims", "$vector");

        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var title = new StringBuilder(128);
        var text = new StringBuilder(2048);
        var vector = new float[dimensions];
        var blob = new byte[dimensions * sizeof(float)];
        var digestId = "";
        var date = "";
        var started = Stopwatch.GetTimestamp();
        for (var rowId = 1; rowId <= papers; rowId++)
        {
            var position = (rowId - 1) % PapersPerDigest;
            if (position == 0)
            {
                var number = (rowId - 1) / PapersPerDigest;
                digestId = $"bench-{number:D6}";
                date = new DateOnly(2020, 1, 1).AddDays(number / 10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Sql.Bind(digest, digestId, $"synthetic-{number:D6}.txt", date, now, Math.Min(PapersPerDigest, papers - rowId + 1));
                digest.ExecuteNonQuery();
            }
            title.Clear();
            vocabulary.AppendText(title, random, random.Next(6, 13), sentences: false);
            text.Clear();
            vocabulary.AppendText(text, random, random.Next(120, 181), sentences: true);
            Sql.Bind(paper, rowId, rowId.ToString("x12", CultureInfo.InvariantCulture), $"synthetic paper {rowId}", title.ToString(), text.ToString(), date, now);
            paper.ExecuteNonQuery();
            Sql.Bind(appearance, digestId, position + 1, rowId);
            appearance.ExecuteNonQuery();
            Sql.Bind(link, rowId, $"https://arxiv.org/abs/{2000 + rowId / 100_000}.{rowId % 100_000:D5}");
            link.ExecuteNonQuery();
            SyntheticEmbeddingGenerator.FillUnitVector(random, vector);
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(blob);
            Sql.Bind(embedding, modelId, rowId, dimensions, blob);
            embedding.ExecuteNonQuery();
            if (rowId % 50_000 == 0)
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                progress($"built {rowId:N0} of {papers:N0} papers ({rowId / seconds:N0}/s)");
            }
        }
    }
}
