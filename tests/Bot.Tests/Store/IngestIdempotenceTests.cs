using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class IngestIdempotenceTests
{
    private static string FirstSharedDigest => Directory.EnumerateFiles(TestPaths.SharedDigests, "*.txt").Order(StringComparer.Ordinal).First();

    [Fact]
    public void IngestFile_SameFileTwice_ChangesNothing()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        var first = ingestor.IngestFile(FirstSharedDigest);
        var before = StoreProbe.Take(store.DatabasePath);

        var second = ingestor.IngestFile(FirstSharedDigest);

        Assert.Empty(first.Errors);
        Assert.Equal(1, first.Digests);
        Assert.True(first.PapersNew > 0);
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
        Assert.Empty(second.Errors);
        Assert.Equal(0, second.Digests);
        Assert.Equal(1, second.DigestsExisting);
        Assert.Equal(0, second.PapersNew);
        Assert.Contains(second.Warnings, w => w.Contains("already ingested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestPaths_SharedDigestsTwice_SecondRunChangesNothing()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();

        var first = await ingestor.IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None);
        var before = StoreProbe.Take(store.DatabasePath);
        var second = await ingestor.IngestPathsAsync([TestPaths.SharedDigests], CancellationToken.None);

        Assert.Empty(first.Errors);
        Assert.Equal((3, 185, 37), (first.Digests, first.PapersNew, first.PapersExisting));
        Assert.Equal(new StoreProbe.Snapshot(185, 3, 222, before.Links, 185, 3), before);
        Assert.Equal((0, 3, 0), (second.Digests, second.DigestsExisting, second.PapersNew));
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
        StoreProbe.AssertIntact(store.DatabasePath);
    }

    [Fact]
    public void IngestFile_SameDigestWithCrlfLineEndings_IsTheSameDigest()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        var original = File.ReadAllText(FirstSharedDigest);
        Assert.DoesNotContain("\r\n", original, StringComparison.Ordinal);
        ingestor.IngestFile(FirstSharedDigest);
        var before = StoreProbe.Take(store.DatabasePath);

        var crlf = store.WriteFile("crlf.txt", original.ReplaceLineEndings("\r\n"));
        var report = ingestor.IngestFile(crlf);

        Assert.Equal((0, 1, 0), (report.Digests, report.DigestsExisting, report.PapersNew));
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
    }

    [Fact]
    public void IngestFile_SameDigestUnderAnotherName_IsTheSameDigest()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestFile(FirstSharedDigest);
        var before = StoreProbe.Take(store.DatabasePath);

        var renamed = store.WriteFile("renamed-digest.txt", File.ReadAllText(FirstSharedDigest));
        var report = ingestor.IngestFile(renamed);

        Assert.Equal((0, 1, 0), (report.Digests, report.DigestsExisting, report.PapersNew));
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
    }
}
