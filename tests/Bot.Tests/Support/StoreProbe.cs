using Microsoft.Data.Sqlite;

namespace Bot.Tests.Support;

/// <summary>Row counts and checks read straight from a store file, independent of the code under test.</summary>
internal static class StoreProbe
{
    public sealed record Snapshot(long Papers, long Digests, long Appearances, long Links, long FtsDocuments, long Generation);

    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Creates the file if needed, to plant a store the code under test has not made.</summary>
    public static SqliteConnection OpenCreate(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static Snapshot Take(string path)
    {
        using var connection = Open(path);
        return new Snapshot(
            Count(connection, "papers"),
            Count(connection, "digests"),
            Count(connection, "appearances"),
            Count(connection, "links"),
            // The docsize shadow table has one row per document the full-text index holds.
            Count(connection, "papers_fts_docsize"),
            Scalar<long>(connection, "SELECT value FROM store_meta WHERE key = 'generation'"));
    }

    public static long Count(SqliteConnection connection, string table) => Scalar<long>(connection, $"SELECT count(*) FROM {table}");

    public static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every <c>table.column</c> holding <paramref name="text"/> anywhere in a value, across every table of the store.</summary>
    public static IReadOnlyList<string> ColumnsMentioning(SqliteConnection connection, string text)
    {
        var columns = new List<(string Table, string Column)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), $text) > 0";
            command.Parameters.AddWithValue("$text", text);
            if ((long)command.ExecuteScalar()! > 0)
            {
                found.Add($"{table}.{column}");
            }
        }
        return found;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>SQLite's own check of the file, then FTS5's check that the index matches the papers table.</summary>
    public static void AssertIntact(string path)
    {
        using var connection = Open(path);
        Assert.Equal("ok", Scalar<string>(connection, "PRAGMA integrity_check"));
        Execute(connection, "INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')");
    }
}
