using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Recommendations;

/// <summary>The three shared digests in a temp store, embedded by the fake bag-of-words model; built once per test class.</summary>
public sealed class EmbeddedDigestStore : IDisposable
{
    public EmbeddedDigestStore()
    {
        Store = TestStore.Create(withEmbeddings: true);
        var report = Store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None).GetAwaiter().GetResult();
        Assert.Empty(report.Errors);
    }

    internal TestStore Store { get; }

    internal long RowId(string title) => Store.Get<Bot.Store.PaperStore>().FindPaper(title)!.RowId;

    public void Dispose() => Store.Dispose();
}
