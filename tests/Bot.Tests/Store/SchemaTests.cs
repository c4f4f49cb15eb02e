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

    [Fact]
    public void Open_StoreAtVersion6_Step7GivesUsageAndSearchSessionsTheirUserAndDropsUnownedConversations()
    {
        using var store = TestStore.Create();
        using (var connection = StoreProbe.OpenCreate(store.DatabasePath))
        {
            foreach (var (_, sql) in Migrations.Steps.Where(s => s.Version <= 6))
            {
                StoreProbe.Execute(connection, sql);
            }
            StoreProbe.Execute(connection, """
                PRAGMA user_version = 6;
                INSERT INTO llm_usage VALUES ('user:42', '2024-05-06', 100), ('guild:7', '2024-05-06', 100);
                INSERT INTO bot_state VALUES ('search:1', '{"query":"q","since":null,"limit":10,"user_id":"42"}'), ('commands-hash', 'abc');
                INSERT INTO conversations VALUES ('discord:5', 'q', 'a', '[]', '2024-05-06T00:00:00Z');
                """);
        }

        using (store.Get<SqliteDatabase>().Open())
        {
        }

        using var check = store.OpenRaw();
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(check, "PRAGMA user_version"));
        Assert.Equal("42", StoreProbe.Scalar<string>(check, "SELECT user_id FROM llm_usage WHERE scope = 'user:42'"));
        Assert.Equal(1, StoreProbe.Scalar<long>(check, "SELECT count(*) FROM llm_usage WHERE scope = 'guild:7' AND user_id IS NULL"));
        Assert.Equal("42", StoreProbe.Scalar<string>(check, "SELECT user_id FROM bot_state WHERE key = 'search:1'"));
        Assert.Equal(1, StoreProbe.Scalar<long>(check, "SELECT count(*) FROM bot_state WHERE key = 'commands-hash' AND user_id IS NULL"));
        Assert.Equal(0, StoreProbe.Count(check, "conversations"));
    }

    [Fact]
    public void Open_StoreAtVersion7_Step8KeepsExistingSubscriptionsRunning()
    {
        using var store = TestStore.Create();
        using (var connection = StoreProbe.OpenCreate(store.DatabasePath))
        {
            foreach (var (_, sql) in Migrations.Steps.Where(s => s.Version <= 7))
            {
                StoreProbe.Execute(connection, sql);
            }
            StoreProbe.Execute(connection, """
                PRAGMA user_version = 7;
                INSERT INTO daily_subscriptions VALUES ('42', NULL, 'dm', NULL, '08:00', 'UTC', 5, 0, '2024-05-06T00:00:00.0000000Z');
                """);
        }

        var subscriptions = store.Get<Bot.Recommendations.Daily.SubscriptionStore>();

        var running = Assert.Single(subscriptions.ActiveSubscriptions());
        Assert.Equal(("42", null), (running.UserId, running.Paused));
        using var check = store.OpenRaw();
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(check, "PRAGMA user_version"));
    }

    private static void SqliteConnectionPoolReset() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
