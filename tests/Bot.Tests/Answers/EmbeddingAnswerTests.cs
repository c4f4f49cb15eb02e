using Bot.Answers;
using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Answers;

/// <summary>Answers when an embedding model is configured (the fake bag-of-words model).</summary>
public sealed class EmbeddingAnswerTests
{
    [Fact]
    public async Task AnswerAsync_WithEmbeddingModel_EmbedsCandidatesInOneBatchAndCitesTheRightPaper()
    {
        using var store = TestStore.Create(withEmbeddings: true);
        await store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None);
        var before = store.Embeddings!.TextsEmbedded;

        var answer = await store.Get<ExtractiveAnswerer>().AnswerAsync(
            "How can parameters of two networks be combined using the Fisher information instead of a plain average?", CancellationToken.None);

        Assert.Equal("Merging Models with Fisher-Weighted Averaging", answer.Sources[0].Title);
        Assert.True(store.Embeddings.TextsEmbedded - before > 1, "the question and its candidate sentences are embedded");
    }
}
