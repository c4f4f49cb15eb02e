using Bot.Commands;
using Bot.Digests;
using Bot.Embeddings;
using Bot.Search;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Embeddings;

public sealed class EmbeddingBackfillTests
{
    private static readonly (string Title, string Abstract)[] Papers =
    [
        ("Protein Folding with Equivariant Networks", "Equivariant networks predict protein structures from amino acid sequences."),
        ("Text to Speech for Low Resource Languages", "We synthesise natural speech for languages with little recorded audio."),
        ("Reinforcement Learning for Chip Placement", "An agent places macros on silicon chips with reinforcement learning."),
    ];

    [Fact]
    public async Task Backfill_PapersIngestedWithoutVectors_AreEmbeddedInTheBackground()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        await store.Get<DigestIngestor>().IngestPathsAsync([store.WriteFile("a.txt", DigestText.Build("2024-05-06", Papers[..2]))], CancellationToken.None, embedNow: false);
        var modelId = store.Get<ActiveEmbeddingModel>().ModelId!;
        var embeddings = store.Get<EmbeddingStore>();
        Assert.Equal(0, embeddings.Count(modelId));

        var signal = store.Get<EmbeddingBackfillSignal>();
        using var service = new EmbeddingBackfillService(store.Get<PaperEmbedder>(), signal, NullLogger<EmbeddingBackfillService>.Instance);
        await service.StartAsync(CancellationToken.None);
        await WaitUntil(() => embeddings.Count(modelId) == 2);

        await store.Get<DigestIngestor>().IngestPathsAsync([store.WriteFile("b.txt", DigestText.Build("2024-05-07", Papers[2..]))], CancellationToken.None, embedNow: false);
        signal.Notify();
        await WaitUntil(() => embeddings.Count(modelId) == 3);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task SwitchingThePooling_ReembedsUnderTheNewModelIdAndSearchUsesOnlyThose()
    {
        var folder = new TempDirectory();
        var database = folder.File("bot.db");
        using (var first = TestStore.Create(withEmbeddings: true, DatabaseAt(database)))
        {
            await first.Get<DigestIngestor>().IngestPathsAsync([first.WriteFile("a.txt", DigestText.Build("2024-05-06", Papers))], CancellationToken.None);
        }

        using var switched = TestStore.Create(withEmbeddings: true, new Dictionary<string, string?>(DatabaseAt(database))
        {
            ["Bot:Embeddings:Pooling:Strategy"] = "windows",
        });
        var model = switched.Get<ActiveEmbeddingModel>();
        var embeddings = switched.Get<EmbeddingStore>();
        Assert.EndsWith("/windows-o32", model.ModelId, StringComparison.Ordinal);
        Assert.Equal(0, embeddings.Count(model.ModelId!));
        Assert.Equal([SearchMode.Bm25], switched.Get<SearchService>().AvailableModes());
        Assert.Contains("0 of 3 papers embedded", Render(switched), StringComparison.Ordinal);

        var embedded = await switched.Get<PaperEmbedder>().EmbedMissingAsync(CancellationToken.None);

        Assert.Equal(3, embedded);
        Assert.Equal(3, embeddings.Count(model.ModelId!));
        Assert.Equal(3, embeddings.Count($"{Fakes.FakeEmbeddingGenerator.ModelId}/first"));
        Assert.Equal(3, switched.Get<VectorIndexCache>().Get(model.ModelId!)!.Count);
        Assert.Equal(SearchMode.Hybrid, switched.Get<SearchService>().DefaultMode);
        Assert.Contains("3 of 3 papers embedded", Render(switched), StringComparison.Ordinal);
        folder.Dispose();
    }

    private static Dictionary<string, string?> DatabaseAt(string path) => new() { ["Bot:Store:Path"] = path };

    private static string Render(TestStore store) => Bot.Console.ReplyRenderer.Render(store.Get<BotCommands>().Status());

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(20);
        }
    }
}
