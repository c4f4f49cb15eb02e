using Bot.Digests;

namespace Bot.Tests.Support;

/// <summary>A temp store holding the three shared digests, built once per test class that uses it.</summary>
public sealed class SharedDigestStore : IDisposable
{
    public SharedDigestStore()
    {
        Store = TestStore.Create();
        Report = Store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None).GetAwaiter().GetResult();
    }

    internal TestStore Store { get; }

    internal IngestReport Report { get; }

    public void Dispose() => Store.Dispose();
}
