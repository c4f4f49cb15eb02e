using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Store;

/// <summary>
/// Opens connections to the store file with the settings every connection needs (WAL, foreign keys,
/// busy timeout) and brings the schema up to date once, on first use.
/// </summary>
public sealed partial class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lazy<bool> _migrated;
    private readonly int _busyTimeoutMs;

    static SqliteDatabase() => SQLitePCL.Batteries_V2.Init();

    public SqliteDatabase(IOptions<StoreOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Value.Path);
        _busyTimeoutMs = options.Value.BusyTimeoutMs;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
        _migrated = new Lazy<bool>(Migrate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        _ = _migrated.Value;
        return OpenRaw();
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private bool Migrate()
    {
        var directory = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        using var connection = OpenRaw();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Latest)
        {
            throw new StoreVersionException(
                $"The store {FilePath} has schema version {current}, newer than this build knows ({Migrations.Latest}). Update the bot.");
        }
        var steps = Migrations.Steps.Where(s => s.Version > current).ToList();
        foreach (var (version, sql) in steps)
        {
            Execute(connection, sql);
            Execute(connection, $"PRAGMA user_version = {version};");
        }
        transaction.Commit();
        // One line for the whole upgrade, not one per step: a new store would otherwise open with a screenful.
        if (steps.Count > 0)
        {
            LogMigrated(FilePath, current, steps[^1].Version);
        }
        return true;
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store {Path} migrated from schema version {From} to {Version}")]
    private partial void LogMigrated(string path, int from, int version);
}
