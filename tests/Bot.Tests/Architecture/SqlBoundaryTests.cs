using System.Text.RegularExpressions;

namespace Bot.Tests.Architecture;

/// <summary>
/// SQL lives in store classes: everything under <c>Store/</c>, and the few stores that belong to one
/// feature, each listed here with the reason. Any other file that touches SQLite's API or writes SQL
/// fails, so a feature asks a store instead of querying the database itself.
/// </summary>
public sealed partial class SqlBoundaryTests
{
    private static readonly string Source = Path.Combine(TestPaths.RepoRoot, "src");

    /// <summary>Files outside <c>src/Bot/Store/</c> that may use SQLite, relative to <c>src/</c>.</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["Bot/Answers/ConversationStore.cs"] = "the store of conversation turns",
        ["Bot/Answers/SummaryStore.cs"] = "the store of cached summaries",
        ["Bot/Recommendations/UserSignalStore.cs"] = "the store of interests, feedback and shown papers",
        ["Bot/Recommendations/Daily/SubscriptionStore.cs"] = "the store of daily subscriptions and community channels",
        ["Bot/Recommendations/Daily/DailyPostLedger.cs"] = "the store of daily posts claimed and sent",
        ["Bot/Recommendations/IForgetUser.cs"] = "a forget hook runs inside UserSignalStore's transaction, on its connection",
        ["Bot/Recommendations/Daily/DailyForgetUser.cs"] = "the daily feature's forget hook, handing that connection to SubscriptionStore",
        ["Bot/Bench/SyntheticStore.cs"] = "bulk-loads a synthetic store for benchmarks",
        ["Bot/Bench/SyntheticUsers.cs"] = "bulk-loads synthetic users for benchmarks",
        ["Bot/Bench/BenchHost.cs"] = "closes pooled connections before deleting a benchmark's store file",
        ["Bot/Digests/DigestIngestor.cs"] = "reports a digest the store refused (SqliteException) as a failed file",
        ["Bot/Cli/VerbHost.cs"] = "reports a store that cannot be opened (SqliteException) as a CLI error",
        ["Bot/Cli/BenchVerb.cs"] = "reports a benchmark store that cannot be built (SqliteException) as a CLI error",
    };

    [Fact]
    public void SqliteApi_IsUsedOnlyInStoreClasses()
    {
        var offenders = Offenders(SqliteApi());

        Assert.Empty(offenders);
    }

    [Fact]
    public void SqlText_IsWrittenOnlyInStoreClasses()
    {
        var offenders = Offenders(SqlText());

        Assert.Empty(offenders);
    }

    [Fact]
    public void AllowedFiles_AllExist_SoAMovedStoreIsNoticed()
    {
        var missing = Allowed.Keys.Where(f => !File.Exists(Path.Combine(Source, f))).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("using Microsoft.Data.Sqlite;")]
    [InlineData("catch (Microsoft.Data.Sqlite.SqliteException e)")]
    [InlineData("using var command = connection.CreateCommand(); command.CommandText = sql;")]
    [InlineData("private static void Run(SqliteConnection connection) { }")]
    [InlineData("Sql.Scalar<long>(connection, query);")]
    public void SqliteApi_RecognisesEachWayIn(string code)
    {
        Assert.Matches(SqliteApi(), code);
    }

    [Theory]
    [InlineData("var sql = \"SELECT rowid FROM papers WHERE id = $id\";")]
    [InlineData("\"\"\"\n    INSERT INTO links (paper_rowid, url) VALUES ($a, $b)\n\"\"\"")]
    [InlineData("\"INSERT OR IGNORE INTO appearances VALUES ($a)\"")]
    [InlineData("\"DELETE FROM user_feedback WHERE user_id = $user\"")]
    [InlineData("\"UPDATE store_meta SET value = value + 1\"")]
    public void SqlText_RecognisesEachStatement(string code)
    {
        Assert.Matches(SqlText(), code);
    }

    [Theory]
    [InlineData("// Select the papers from the store and update the counts.")]
    [InlineData("var verb = \"select\";")]
    public void SqlText_IgnoresProseThatMentionsTheWords(string code)
    {
        Assert.DoesNotMatch(SqlText(), code);
    }

    private static List<string> Offenders(Regex pattern) =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Select(f => (Path: f, Relative: Path.GetRelativePath(Source, f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => !f.Relative.StartsWith("Bot/Store/", StringComparison.Ordinal) && !Allowed.ContainsKey(f.Relative))
            .Where(f => pattern.IsMatch(File.ReadAllText(f.Path)))
            .Select(f => f.Relative)
            .ToList();

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"\bMicrosoft\.Data\.Sqlite\b|\bSqlite(Command|Connection|DataReader|Parameter|Transaction|Exception)\b|\bCommandText\b|\bSql\.(Command|Bind|Execute|Scalar)\b")]
    private static partial Regex SqliteApi();

    [GeneratedRegex(@"\b(SELECT\s+\S[^;""]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TABLE|INDEX|VIRTUAL|TRIGGER))\b|\bPRAGMA\s")]
    private static partial Regex SqlText();
}
