using Bot.Digests;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Search;

public sealed class VectorIndexCacheTests
{
    private const string Model = "test-model";

    [Fact]
    public async Task Get_VectorReplacedAfterLoad_ServesTheNewVector()
    {
        using var store = await StoreWithPapers(2);
        var (first, second) = (RowId(store, 0), RowId(store, 1));
        var embeddings = store.Get<EmbeddingStore>();
        embeddings.Write(Model, [(first, [1f, 0f]), (second, [0f, 1f])]);
        var cache = store.Get<VectorIndexCache>();
        Assert.Equal(first, cache.Get(Model)!.Search([1f, 0f], 1).Single().RowId);

        embeddings.Write(Model, [(first, [0f, 1f]), (second, [1f, 0f])]);

        var index = cache.Get(Model)!;
        Assert.Equal(2, index.Count);
        Assert.Equal(second, index.Search([1f, 0f], 1).Single().RowId);
    }

    [Fact]
    public async Task Get_OtherModelsVectors_AreNeverServed()
    {
        using var store = await StoreWithPapers(2);
        store.Get<EmbeddingStore>().Write("other-model", [(RowId(store, 0), [1f, 0f])]);

        Assert.Null(store.Get<VectorIndexCache>().Get(Model));
    }

    [Fact]
    public void Open_StoreAtSchemaVersion1_MigratesAndKeepsItsVectors()
    {
        using var folder = new TempDirectory();
        var path = folder.File("old.db");
        using (var connection = StoreProbe.OpenCreate(path))
        {
            StoreProbe.Execute(connection, Migrations.Steps[0].Sql);
            StoreProbe.Execute(connection, """
                PRAGMA user_version = 1;
                INSERT INTO papers(id, title_key, title, abstract, first_seen, last_seen, added_at)
                    VALUES ('abc', 'a paper', 'A Paper', '', '2024-05-06', '2024-05-06', '2024-05-06');
                INSERT INTO embeddings(model_id, paper_rowid, dimensions, vector) VALUES ('test-model', 1, 2, x'0000803F00000000');
                """);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Store:Path"] = path });
        var index = store.Get<VectorIndexCache>().Get(Model);

        Assert.Equal(1, index!.Count);
        Assert.Equal(1, index.Search([1f, 0f], 1).Single().RowId);
        using var check = StoreProbe.Open(path);
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(check, "PRAGMA user_version"));
    }

    private static long RowId(TestStore store, int paper) => store.Get<PaperStore>().FindPaper($"Paper number {paper}")!.RowId;

    private static async Task<TestStore> StoreWithPapers(int count)
    {
        var store = TestStore.Create();
        var papers = Enumerable.Range(0, count).Select(i => ($"Paper number {i}", $"An abstract about topic {i}. It has two sentences.")).ToArray();
        var report = await store.Get<DigestIngestor>().IngestPathsAsync([store.WriteFile("d.txt", DigestText.Build("May 6", papers))], CancellationToken.None);
        Assert.Empty(report.Errors);
        return store;
    }
}
