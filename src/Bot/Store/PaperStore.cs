using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Digests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static Bot.Store.Sql;

namespace Bot.Store;

/// <summary>
/// Writes digests and reads papers. One digest is one transaction: a crash mid-write leaves the
/// store as it was before the digest, and writing the same digest again changes nothing.
/// </summary>
public sealed partial class PaperStore(SqliteDatabase database, TimeProvider clock, ILogger<PaperStore> logger)
{
    public string FilePath => database.FilePath;

    public DigestWriteResult WriteDigest(ParsedDigest digest, DateTimeOffset arrivedAt)
    {
        var contentHash = ContentHash(digest);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);

        var existingId = Scalar<string>(connection, "SELECT id FROM digests WHERE content_hash = $hash", ("$hash", contentHash));
        if (existingId is not null)
        {
            return new DigestWriteResult(existingId, AlreadyStored: true, 0, digest.Papers.Count, []) { ShortId = ShortIdOf(connection, existingId) };
        }
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var date = digest.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sameDay = SameDayMatch(connection, date, digest);
        if (sameDay is { Contains: true })
        {
            return new DigestWriteResult(sameDay.Id, AlreadyStored: true, 0, digest.Papers.Count, []) { ShortId = sameDay.ShortId };
        }

        string digestId;
        string shortId;
        if (sameDay is { } extended)
        {
            // A fuller copy of a digest stored before (the earlier file was taken while still being
            // written): the digest keeps its id and takes the new list, and it counts as just committed.
            (digestId, shortId) = (extended.Id, extended.ShortId);
            LogExtending(digestId, digest.SourceName, extended.PaperCount, digest.Papers.Count);
            Execute(connection, "DELETE FROM appearances WHERE digest_id = $id", ("$id", digestId));
            Execute(connection, """
                UPDATE digests SET content_hash = $hash, source = $source, format = $format, arrived_at = $arrived, ingested_at = $now,
                    paper_count = $count, rowid = (SELECT max(rowid) + 1 FROM digests)
                WHERE id = $id
                """,
                ("$id", digestId), ("$hash", contentHash), ("$source", digest.SourceName), ("$format", digest.Format),
                ("$arrived", arrivedAt.ToString("O", CultureInfo.InvariantCulture)), ("$now", now), ("$count", digest.Papers.Count));
        }
        else
        {
            digestId = $"{date}-{contentHash}";
            shortId = NewShortId(connection, digestId);
            LogWriting(shortId, digest.SourceName, digest.Papers.Count);
            Execute(connection, """
                INSERT INTO digests(id, short_id, content_hash, source, format, digest_date, date_from_header, arrived_at, ingested_at, paper_count)
                VALUES ($id, $short, $hash, $source, $format, $date, $fromHeader, $arrived, $now, $count)
                """,
                ("$id", digestId), ("$short", shortId), ("$hash", contentHash), ("$source", digest.SourceName), ("$format", digest.Format),
                ("$date", date), ("$fromHeader", digest.DateFromHeader ? 1 : 0),
                ("$arrived", arrivedAt.ToString("O", CultureInfo.InvariantCulture)), ("$now", now), ("$count", digest.Papers.Count));
        }

        using var findPaper = Command(connection, "SELECT rowid, abstract FROM papers WHERE title_key = $key", "$key");
        using var insertPaper = Command(connection, """
            INSERT INTO papers(id, title_key, title, abstract, first_seen, last_seen, added_at)
            VALUES ($id, $key, $title, $abstract, $date, $date, $now) RETURNING rowid
            """, "$id", "$key", "$title", "$abstract", "$date", "$now");
        using var touchPaper = Command(connection, """
            UPDATE papers SET
                first_seen = min(first_seen, $date),
                last_seen = max(last_seen, $date),
                abstract = CASE WHEN $replace THEN $abstract ELSE abstract END
            WHERE rowid = $rowid
            """, "$date", "$replace", "$abstract", "$rowid");
        // A paper whose text changed is embedded again (the backfill finds papers without a vector).
        using var dropVectors = Command(connection, "DELETE FROM embeddings WHERE paper_rowid = $rowid", "$rowid");
        using var insertAppearance = Command(connection,
            "INSERT INTO appearances(digest_id, position, paper_rowid) VALUES ($digest, $position, $rowid)", "$digest", "$position", "$rowid");
        using var insertLink = Command(connection,
            "INSERT OR IGNORE INTO links(paper_rowid, url, kind) VALUES ($rowid, $url, $kind)", "$rowid", "$url", "$kind");

        var newRowIds = new List<long>();
        var existing = 0;
        foreach (var paper in digest.Papers)
        {
            findPaper.Parameters["$key"].Value = paper.TitleKey;
            long rowId;
            var storedAbstract = "";
            using (var reader = findPaper.ExecuteReader())
            {
                if (reader.Read())
                {
                    rowId = reader.GetInt64(0);
                    storedAbstract = reader.GetString(1);
                }
                else
                {
                    rowId = 0;
                }
            }
            if (rowId == 0)
            {
                Bind(insertPaper, TitleKey.PaperId(paper.TitleKey), paper.TitleKey, paper.Title, paper.Abstract, date, now);
                rowId = (long)insertPaper.ExecuteScalar()!;
                newRowIds.Add(rowId);
            }
            else
            {
                var extends = Extends(paper.Abstract, storedAbstract);
                Bind(touchPaper, date, extends ? 1 : 0, paper.Abstract, rowId);
                touchPaper.ExecuteNonQuery();
                if (extends && storedAbstract.Length > 0)
                {
                    Bind(dropVectors, rowId);
                    dropVectors.ExecuteNonQuery();
                }
                existing++;
            }
            Bind(insertAppearance, digestId, paper.Position, rowId);
            insertAppearance.ExecuteNonQuery();
            foreach (var link in paper.Links)
            {
                Bind(insertLink, rowId, link.Url, link.Kind);
                insertLink.ExecuteNonQuery();
            }
        }
        BumpGeneration(connection);
        transaction.Commit();
        return new DigestWriteResult(digestId, AlreadyStored: false, newRowIds.Count, existing, newRowIds) { ShortId = shortId, Extended = sameDay is not null };
    }

    /// <summary>
    /// Whether a paper seen again brings a fuller abstract than the stored one: the stored one was empty,
    /// or was cut short (a digest saved half-way) and the new one continues it. Any other difference
    /// keeps the first version: a paper's text does not change with each digest that lists it.
    /// </summary>
    private static bool Extends(string incoming, string stored) =>
        incoming.Length > stored.Length && (stored.Length == 0 || incoming.StartsWith(stored.TrimEnd(), StringComparison.Ordinal));

    /// <summary>A paper by its id, or else by its title (exact after normalisation).</summary>
    public StoredPaper? FindPaper(string idOrTitle)
    {
        using var connection = database.Open();
        var rowId = Scalar<long?>(connection, "SELECT rowid FROM papers WHERE id = $value", ("$value", idOrTitle.Trim().ToLowerInvariant()))
            ?? Scalar<long?>(connection, "SELECT rowid FROM papers WHERE title_key = $value", ("$value", TitleKey.From(idOrTitle)));
        return rowId is { } found ? LoadPapers(connection, [found]).FirstOrDefault() : null;
    }

    /// <summary>The ids starting with <paramref name="prefix"/> (hex digits only, as ids are), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> IdsStartingWith(string prefix, int limit)
    {
        var hex = prefix.Trim().ToLowerInvariant();
        if (hex.Length == 0 || hex.Length > 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return [];
        }
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // A range, not LIKE: hex digits need no escaping and the primary key index serves it.
        command.CommandText = "SELECT id FROM papers WHERE id >= $from AND id < $to ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$from", hex);
        command.Parameters.AddWithValue("$to", hex + "g");
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>The papers in the order of <paramref name="rowIds"/>, leaving out any no longer stored.</summary>
    public IReadOnlyList<StoredPaper> GetPapers(IReadOnlyList<long> rowIds)
    {
        using var connection = database.Open();
        return LoadPapers(connection, rowIds);
    }

    private const int MaxSuggestWord = 64;

    /// <summary>Titles containing every word of <paramref name="prefix"/>, for autocomplete and "did you mean".</summary>
    public IReadOnlyList<(string Id, string Title)> SuggestTitles(string prefix, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // Bounded after normalisation: SQLite refuses a LIKE pattern over 50,000 bytes ("pattern too
        // complex"), and no title word is longer than this; a longer one still matches by its start.
        var words = TitleKey.From(prefix).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8)
            .Select(w => w.Length <= MaxSuggestWord ? w : w[..(char.IsHighSurrogate(w[MaxSuggestWord - 1]) ? MaxSuggestWord - 1 : MaxSuggestWord)]).ToArray();
        var where = words.Length == 0 ? "1" : string.Join(" AND ", words.Select((_, i) => $"title_key LIKE $w{i} ESCAPE '\\'"));
        command.CommandText = $"SELECT id, title FROM papers WHERE {where} ORDER BY last_seen DESC, title LIMIT $limit";
        for (var i = 0; i < words.Length; i++)
        {
            command.Parameters.AddWithValue($"$w{i}", "%" + words[i].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var results = new List<(string, string)>();
        while (reader.Read())
        {
            results.Add((reader.GetString(0), reader.GetString(1)));
        }
        return results;
    }

    /// <summary>The rowids of a digest's papers in their listed order; the digest by any name <see cref="FindDigest"/> takes.</summary>
    public IReadOnlyList<long> DigestPaperRowIds(string digestName)
    {
        if (FindDigest(digestName).Id is not { } digestId)
        {
            return [];
        }
        using var connection = database.Open();
        using var command = Command(connection, "SELECT paper_rowid FROM appearances WHERE digest_id = $digest ORDER BY position", "$digest");
        Bind(command, digestId);
        using var reader = command.ExecuteReader();
        var rowIds = new List<long>();
        while (reader.Read())
        {
            rowIds.Add(reader.GetInt64(0));
        }
        return rowIds;
    }

    public IReadOnlyList<DigestInfo> ListDigests()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // Newest first; of one day's digests, the one committed last first.
        command.CommandText = "SELECT id, source, digest_date, paper_count, date_from_header, short_id FROM digests ORDER BY digest_date DESC, rowid DESC";
        using var reader = command.ExecuteReader();
        var digests = new List<DigestInfo>();
        while (reader.Read())
        {
            digests.Add(new DigestInfo(reader.GetString(0), reader.GetString(1), ParseDate(reader.GetString(2)), reader.GetInt32(3))
            {
                DateKnown = reader.GetInt64(4) != 0,
                ShortId = reader.GetString(5),
            });
        }
        return digests;
    }

    /// <summary>How many papers the store holds; cheap, unlike <see cref="Counts"/>, which also walks the indexes.</summary>
    public long PaperCount()
    {
        using var connection = database.Open();
        return Scalar<long>(connection, "SELECT count(*) FROM papers");
    }

    public bool HasDigests()
    {
        using var connection = database.Open();
        return Scalar<long>(connection, "SELECT EXISTS (SELECT 1 FROM digests)") == 1;
    }

    public StoreCounts Counts()
    {
        using var connection = database.Open();
        long Count(string table) => Scalar<long>(connection, $"SELECT count(*) FROM {table}");
        var byModel = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT model_id, count(*) FROM embeddings GROUP BY model_id ORDER BY model_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                byModel[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var bytes = Scalar<long>(connection, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        return new StoreCounts(Count("papers"), Count("digests"), Count("appearances"), Count("links"), bytes, FullTextIndexBytes(connection), byModel);
    }

    /// <summary>Bytes of FTS5 index data (its segment blocks), the bulk of the full-text index.</summary>
    private static long FullTextIndexBytes(SqliteConnection connection) =>
        Scalar<long>(connection, "SELECT coalesce(sum(length(block)), 0) FROM papers_fts_data");

    public long Generation()
    {
        using var connection = database.Open();
        return Scalar<long>(connection, "SELECT value FROM store_meta WHERE key = 'generation'");
    }

    internal static void BumpGeneration(SqliteConnection connection) =>
        Execute(connection, "UPDATE store_meta SET value = value + 1 WHERE key = 'generation'");

    private static List<StoredPaper> LoadPapers(SqliteConnection connection, IReadOnlyList<long> rowIds)
    {
        var papers = new List<StoredPaper>(rowIds.Count);
        using var paperCommand = Command(connection,
            "SELECT id, title, abstract, first_seen, last_seen FROM papers WHERE rowid = $rowid", "$rowid");
        using var appearanceCommand = Command(connection, """
            SELECT a.digest_id, d.digest_date, a.position, d.source, d.short_id, d.date_from_header FROM appearances a JOIN digests d ON d.id = a.digest_id
            WHERE a.paper_rowid = $rowid ORDER BY d.digest_date, a.digest_id
            """, "$rowid");
        using var linkCommand = Command(connection, "SELECT url, kind FROM links WHERE paper_rowid = $rowid ORDER BY rowid", "$rowid");
        foreach (var rowId in rowIds)
        {
            paperCommand.Parameters["$rowid"].Value = rowId;
            appearanceCommand.Parameters["$rowid"].Value = rowId;
            linkCommand.Parameters["$rowid"].Value = rowId;
            using var reader = paperCommand.ExecuteReader();
            if (!reader.Read())
            {
                continue;
            }
            var appearances = new List<Appearance>();
            using (var rows = appearanceCommand.ExecuteReader())
            {
                while (rows.Read())
                {
                    appearances.Add(new Appearance(rows.GetString(0), ParseDate(rows.GetString(1)), rows.GetInt32(2), rows.GetString(3)) { DigestShortId = rows.GetString(4), DateKnown = rows.GetInt64(5) != 0 });
                }
            }
            var links = new List<PaperLink>();
            using (var rows = linkCommand.ExecuteReader())
            {
                while (rows.Read())
                {
                    links.Add(new PaperLink(rows.GetString(0), rows.GetString(1)));
                }
            }
            papers.Add(new StoredPaper(rowId, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                ParseDate(reader.GetString(3)), ParseDate(reader.GetString(4)), appearances, links));
        }
        return papers;
    }

    private static string ContentHash(ParsedDigest digest)
    {
        // The digest's identity is its list of papers in order, not its bytes: the same digest saved
        // with other line endings, or as HTML instead of text, is still the same digest.
        var keys = string.Join('\n', digest.Papers.Select(p => p.TitleKey));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys)));
    }

    internal static DateOnly ParseDate(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing digest {DigestId} from {Source}: {Count} papers")]
    private partial void LogWriting(string digestId, string source, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Extending digest {DigestId} from {Source}, a fuller copy: {Before} papers become {Count}")]
    private partial void LogExtending(string digestId, string source, int before, int count);
}
