using Bot.Digests;
using Microsoft.Data.Sqlite;
using static Bot.Store.Sql;

namespace Bot.Store;

/// <summary>
/// How digests are named. The id is the digest's date and the full SHA-256 of its papers, so two
/// digests never share one by chance; people see and type the short id, the shortest prefix of it
/// (six hex characters at least) that no digest stored before it starts with. A short id never
/// changes once given, and any unique prefix of an id names its digest too.
/// </summary>
public sealed partial class PaperStore
{
    /// <summary>Hex characters a short id has at least: what ids had before they were full hashes.</summary>
    public const int ShortHashLength = 6;

    private const int DatePrefixLength = 11; // "yyyy-MM-dd-"

    /// <summary>A stored digest of the same day whose papers contain the new one's or are contained in them.</summary>
    private sealed record SameDay(string Id, string ShortId, int PaperCount, bool Contains);

    /// <summary>
    /// The digest of the same day that <paramref name="digest"/> is a copy of, whole or in part: one whose
    /// papers include all of the new one's (<see cref="SameDay.Contains"/>: nothing to add), or else the
    /// largest one whose papers the new one includes and adds to (a fuller copy of a file that was read
    /// before it was complete). Null when the new digest is a digest of its own.
    /// </summary>
    private static SameDay? SameDayMatch(SqliteConnection connection, string date, ParsedDigest digest)
    {
        using var command = Command(connection, """
            SELECT d.id, d.short_id, p.title_key FROM digests d
            JOIN appearances a ON a.digest_id = d.id JOIN papers p ON p.rowid = a.paper_rowid
            WHERE d.digest_date = $date ORDER BY d.rowid
            """, "$date");
        Bind(command, date);
        var stored = new Dictionary<string, (string ShortId, HashSet<string> Keys)>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!stored.TryGetValue(id, out var entry))
                {
                    entry = (reader.GetString(1), new HashSet<string>(StringComparer.Ordinal));
                    stored[id] = entry;
                }
                entry.Keys.Add(reader.GetString(2));
            }
        }
        var incoming = digest.Papers.Select(p => p.TitleKey).ToHashSet(StringComparer.Ordinal);
        if (stored.FirstOrDefault(s => s.Value.Keys.IsSupersetOf(incoming)) is { Key: not null } container)
        {
            return new SameDay(container.Key, container.Value.ShortId, container.Value.Keys.Count, Contains: true);
        }
        return stored.Where(s => incoming.IsProperSupersetOf(s.Value.Keys))
            .OrderByDescending(s => s.Value.Keys.Count)
            .Select(s => new SameDay(s.Key, s.Value.ShortId, s.Value.Keys.Count, Contains: false))
            .FirstOrDefault();
    }

    /// <summary>The shortest prefix of <paramref name="id"/> (date and six hex characters at least) that no stored id starts with.</summary>
    private static string NewShortId(SqliteConnection connection, string id)
    {
        var sameDay = new List<string>();
        using (var command = Command(connection, "SELECT id FROM digests WHERE digest_date = $date", "$date"))
        {
            Bind(command, id[..(DatePrefixLength - 1)]);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sameDay.Add(reader.GetString(0));
            }
        }
        var length = DatePrefixLength + ShortHashLength;
        while (length < id.Length && sameDay.Any(other => other.StartsWith(id[..length], StringComparison.Ordinal)))
        {
            length++;
        }
        return id[..length];
    }

    /// <summary>The short id to show for the digest with full id <paramref name="id"/>.</summary>
    public string DigestShortId(string id)
    {
        using var connection = database.Open();
        return ShortIdOf(connection, id);
    }

    private static string ShortIdOf(SqliteConnection connection, string id) =>
        Scalar<string>(connection, "SELECT short_id FROM digests WHERE id = $id", ("$id", id)) ?? id;

    /// <summary>
    /// The digest a name means: its id, its short id, its source file name (the newest digest from that
    /// file), or a unique prefix of its id. <see cref="DigestLookup.Candidates"/> lists the digests a
    /// prefix fits when it fits more than one.
    /// </summary>
    public DigestLookup FindDigest(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return DigestLookup.None;
        }
        using var connection = database.Open();
        var exact = Scalar<string>(connection, "SELECT id FROM digests WHERE id = $name OR short_id = $name", ("$name", trimmed))
            ?? Scalar<string>(connection, "SELECT id FROM digests WHERE source = $name ORDER BY digest_date DESC, rowid DESC LIMIT 1", ("$name", trimmed));
        if (exact is not null)
        {
            return new DigestLookup(exact, []);
        }
        // A range, not LIKE: a prefix needs no escaping this way and the primary key index serves it.
        using var command = Command(connection, "SELECT id, short_id FROM digests WHERE id >= $from AND id < $to ORDER BY id LIMIT 11", "$from", "$to");
        Bind(command, trimmed, trimmed + char.MaxValue);
        var matches = new List<(string Id, string ShortId)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            matches.Add((reader.GetString(0), reader.GetString(1)));
        }
        return matches.Count == 1 ? new DigestLookup(matches[0].Id, []) : new DigestLookup(null, [.. matches.Select(m => m.ShortId)]);
    }
}

/// <summary>What a digest name resolved to: the digest's full id, or the short ids of the digests an ambiguous prefix fits.</summary>
public sealed record DigestLookup(string? Id, IReadOnlyList<string> Candidates)
{
    public static DigestLookup None { get; } = new(null, []);
}
