using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

/// <summary>
/// Issue 14, item 10: an ingest that stores nothing into a store that does not exist yet (a mistyped
/// --db) leaves no empty store file behind, even with an embedding model, which looks for papers to
/// embed after every ingest.
/// </summary>
public sealed class RefusedIngestTests
{
    [Theory]
    [InlineData("missing")]
    [InlineData("malformed")]
    [InlineData("empty")]
    public async Task IngestPaths_NothingStoredIntoNewStorePath_CreatesNoStoreFile(string input)
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var path = input switch
        {
            "missing" => Path.Combine(store.Folder, "no-such-digest.txt"),
            "malformed" => store.WriteFile("notes.txt", "A sentence of prose is no digest at all."),
            _ => store.WriteFile("empty.txt", ""),
        };

        var report = await store.Get<DigestIngestor>().IngestPathsAsync([path], CancellationToken.None);

        Assert.Single(report.Errors);
        Assert.False(File.Exists(store.DatabasePath));
    }

    [Fact]
    public async Task IngestPaths_GoodDigestIntoNewStorePath_CreatesTheStoreAndEmbeds()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        var path = store.WriteFile("good.txt", DigestText.Build("2024-05-06", ("A Paper Worth a Store", DigestText.Abstract("stores"))));

        var report = await store.Get<DigestIngestor>().IngestPathsAsync([path], CancellationToken.None);

        Assert.Equal(1, report.Digests);
        Assert.True(File.Exists(store.DatabasePath));
        Assert.Equal(1, store.Get<Bot.Store.EmbeddingStore>().Count(store.Get<Bot.Embeddings.ActiveEmbeddingModel>().ModelId!));
    }
}
