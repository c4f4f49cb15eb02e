using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class SchemaTests
{
    [Fact]
    public void Open_NewStore_CreatesSchemaInWalModeAtLatestVersion()
    {
        using var store = TestStore.Create();

        using (store.Get<SqliteDatabase>().Open())
        {
        }

        using var connection = store.OpenRaw();
        Assert.Equal("wal", StoreProbe.Scalar<string>(connection, "PRAGMA journal_mode"));
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(connection, "PRAGMA user_version"));
        foreach (var table in new[] { "papers", "digests", "appearances", "links", "papers_fts", "embeddings", "store_meta" })
        {
            Assert.Equal(1, StoreProbe.Scalar<long>(connection, $"SELECT count(*) FROM sqlite_master WHERE name = '{table}'"));
        }
        Assert.Equal(0, StoreProbe.Scalar<long>(connection, "SELECT value FROM store_meta WHERE key = 'generation'"));
    }

    [Fact]
    public void Open_ExistingStore_DoesNotMigrateAgain()
    {
        using var store = TestStore.Create();
        using (store.Get<SqliteDatabase>().Open())
        {
        }
        SqliteConnectionPoolReset();

        using var second = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Store:Path"] = store.DatabasePath });
        using (second.Get<SqliteDatabase>().Open())
        {
        }

        using var connection = store.OpenRaw();
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(connection, "PRAGMA user_version"));
        Assert.Equal(1, StoreProbe.Scalar<long>(connection, "SELECT count(*) FROM store_meta"));
    }

    [Fact]
    public void Open_StoreFromNewerBuild_FailsWithClearMessageAndLeavesFileAlone()
    {
        using var store = TestStore.Create();
        var newer = Migrations.Latest + 1;
        using (var connection = StoreProbe.OpenCreate(store.DatabasePath))
        {
            StoreProbe.Execute(connection, $"CREATE TABLE future(x); PRAGMA user_version = {newer};");
        }

        var error = Assert.Throws<StoreVersionException>(() => store.Get<SqliteDatabase>().Open());

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this build knows", error.Message, StringComparison.Ordinal);
        Assert.Contains(store.DatabasePath, error.Message, StringComparison.Ordinal);
        using var check = store.OpenRaw();
        Assert.Equal(newer, StoreProbe.Scalar<int>(check, "PRAGMA user_version"));
        Assert.Equal(0, StoreProbe.Scalar<long>(check, "SELECT count(*) FROM sqlite_master WHERE name = 'papers'"));
    }

    private static void SqliteConnectionPoolReset() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
