using Bot.Digests;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class IngestErrorTests
{
    [Fact]
    public async Task IngestPaths_MalformedFileInTheMiddle_ReportsItAndStoresTheOthers()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestFile(store.WriteFile("earlier.txt", DigestText.Build("2024-05-01",
            ("Old Paper on Contrastive Pretraining", DigestText.Abstract("contrastive pretraining")))));
        var old = store.Get<PaperStore>().FindPaper("Old Paper on Contrastive Pretraining")!;
        var before = StoreProbe.Take(store.DatabasePath);
        store.WriteFile("inbox/a.txt", DigestText.Build("2024-05-06", ("Paper A on Sparse Retrieval", DigestText.Abstract("sparse retrieval"))));
        // Only prose paragraphs, no title anywhere: not a digest.
        store.WriteFile("inbox/b.txt", string.Join("\n\n", Enumerable.Repeat(
            "This is a meeting note, not a digest. It has sentences. It has more sentences than any title would have. It goes on for a while so that nobody mistakes it for a title.", 4)));
        store.WriteFile("inbox/c.txt", DigestText.Build("2024-05-07",
            ("Paper C on Contrastive Pretraining", DigestText.Abstract("contrastive pretraining")),
            ("Old Paper on Contrastive Pretraining", DigestText.Abstract("something new"))));

        var report = await ingestor.IngestPathsAsync([Path.Combine(store.Folder, "inbox")], CancellationToken.None);

        var error = Assert.Single(report.Errors);
        Assert.Contains("b.txt", error, StringComparison.Ordinal);
        Assert.Contains("expected a Daily Papers digest", error, StringComparison.Ordinal);
        Assert.Equal((2, 2, 1), (report.Digests, report.PapersNew, report.PapersExisting));
        var after = StoreProbe.Take(store.DatabasePath);
        Assert.Equal((before.Papers + 2, before.Digests + 2, before.Appearances + 3), (after.Papers, after.Digests, after.Appearances));
        var oldAfter = store.Get<PaperStore>().FindPaper(old.Id)!;
        Assert.Equal((old.Title, old.Abstract, old.FirstSeen), (oldAfter.Title, oldAfter.Abstract, oldAfter.FirstSeen));
        Assert.Equal(old.Appearances[0], oldAfter.Appearances[0]);
        Assert.DoesNotContain(store.Get<PaperStore>().ListDigests(), d => d.Source == "b.txt");
    }

    [Fact]
    public void IngestFile_LargerThanMaxFileBytes_IsRefusedWithClearMessage()
    {
        using var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Ingest:MaxFileBytes"] = "1000" });
        var big = store.WriteFile("big.txt", DigestText.Build("2024-05-06",
            Enumerable.Range(1, 10).Select(i => ($"Paper Number {i} About Scaling", DigestText.Abstract("scaling"))).ToArray()));
        Assert.True(new FileInfo(big).Length > 1000);

        var report = store.Get<DigestIngestor>().IngestFile(big);

        var error = Assert.Single(report.Errors);
        Assert.Contains("big.txt", error, StringComparison.Ordinal);
        Assert.Contains("Bot:Ingest:MaxFileBytes", error, StringComparison.Ordinal);
        Assert.Contains("limit", error, StringComparison.Ordinal);
        Assert.Equal(0, report.Digests);
        Assert.Equal(0, store.Get<PaperStore>().Counts().Papers);
    }

    [Fact]
    public async Task IngestPaths_MissingPath_IsReportedAsError()
    {
        using var store = TestStore.Create();
        var missing = Path.Combine(store.Folder, "nope.txt");

        var report = await store.Get<DigestIngestor>().IngestPathsAsync([missing], CancellationToken.None);

        Assert.Equal($"{missing}: no such file or folder", Assert.Single(report.Errors));
    }

    [Fact]
    public void IngestFile_EmptyFile_IsReportedAsNotADigest()
    {
        using var store = TestStore.Create();
        var empty = store.WriteFile("empty.txt", "");

        var report = store.Get<DigestIngestor>().IngestFile(empty);

        Assert.Contains("the file is empty", Assert.Single(report.Errors), StringComparison.Ordinal);
    }
}
