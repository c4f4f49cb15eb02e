using System.Text;
using Bot.Tests.Support;

namespace Bot.Tests.Inbox;

public sealed class InboxWatcherTests : IDisposable
{
    private readonly InboxHarness _inbox = new();

    private string Inbox => _inbox.Inbox;

    [Fact]
    public async Task PollOnce_SettledGoodDigest_IsStoredAndMovedToProcessed()
    {
        var file = _inbox.Drop("good.txt", InboxHarness.GoodDigest("Attention Sinks in Streaming Language Models"));

        await _inbox.SettleAndPollAsync();

        Assert.False(File.Exists(file));
        Assert.True(File.Exists(Path.Combine(Inbox, "processed", "good.txt")));
        Assert.NotNull(_inbox.Papers.FindPaper("Attention Sinks in Streaming Language Models"));
        Assert.Empty(_inbox.Claimed());
    }

    [Fact]
    public async Task PollOnce_BadDigest_IsMovedToFailedWithAnErrorFileNamingFileAndProblem()
    {
        _inbox.Drop("notes.txt", "Just one line of prose that is not a digest at all, and ends with a period.");

        await _inbox.SettleAndPollAsync();

        var failed = Path.Combine(Inbox, "failed", "notes.txt");
        Assert.True(File.Exists(failed));
        var error = await File.ReadAllTextAsync(failed + ".error.txt");
        Assert.Contains(Path.Combine(Inbox, "notes.txt"), error, StringComparison.Ordinal);
        Assert.Contains("expected a Daily Papers digest", error, StringComparison.Ordinal);
        Assert.Equal(0, _inbox.Papers.Counts().Digests);
        Assert.False(Directory.Exists(Path.Combine(Inbox, "processed")));
    }

    [Fact]
    public async Task PollOnce_GoodAndBadFiles_EachReportedToTheFrontEndOnce()
    {
        _inbox.Drop("good.txt", InboxHarness.GoodDigest("Attention Sinks in Streaming Language Models"));
        _inbox.Drop("notes.txt", "Just one line of prose that is not a digest at all, and ends with a period.");

        await _inbox.SettleAndPollAsync();
        await _inbox.SettleAndPollAsync();

        Assert.Equal(["good.txt", "notes.txt"], _inbox.Arrivals.Select(a => a.FileName).Order(StringComparer.Ordinal));
        Assert.False(_inbox.Arrivals.Single(a => a.FileName == "good.txt").Failed);
        Assert.Equal(1, _inbox.Arrivals.Single(a => a.FileName == "good.txt").Report.Digests);
        Assert.Contains("expected a Daily Papers digest", _inbox.Arrivals.Single(a => a.FileName == "notes.txt").Report.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollOnce_FirstSight_WaitsTheSettleWindowEvenForAnOldFile()
    {
        var file = _inbox.Drop("copying.txt", InboxHarness.GoodDigest("Speculative Decoding with Small Drafts"));

        await _inbox.PollAsync();
        var storedAtFirstSight = _inbox.Papers.Counts().Digests;
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(0.5));
        await _inbox.PollAsync();
        var storedWithinTheWindow = _inbox.Papers.Counts().Digests;
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(0.5));
        await _inbox.PollAsync();

        Assert.Equal((0, 0), (storedAtFirstSight, storedWithinTheWindow));
        Assert.False(File.Exists(file));
        Assert.Equal(1, _inbox.Papers.Counts().Digests);
    }

    [Fact]
    public async Task Ingest_SlowlyWrittenFile_WaitsUntilComplete()
    {
        // The issue's writer: a paper every 2 s, against a settle window of 3 s.
        using var slow = new InboxHarness(settleSeconds: 3);
        var path = Path.Combine(slow.Inbox, "slow.txt");
        var papers = Enumerable.Range(1, 5).Select(i => ($"Slowly Written Paper {i}", DigestText.Abstract($"slow paper {i}"))).ToArray();
        await File.WriteAllTextAsync(path, DigestText.Build("2024-05-06", papers[0]));
        for (var i = 1; i < papers.Length; i++)
        {
            await slow.PollAsync();
            slow.Store.Clock.Advance(TimeSpan.FromSeconds(2));
            await File.AppendAllTextAsync(path, $"{papers[i].Item1}\n\n{papers[i].Item2}\n\n");
            File.SetLastWriteTimeUtc(path, InboxHarness.Written.UtcDateTime.AddSeconds(2 * i));
        }
        await slow.PollAsync();
        var storedWhileWriting = slow.Papers.Counts().Digests;

        await slow.SettleAndPollAsync();

        Assert.Equal(0, storedWhileWriting);
        var digest = Assert.Single(slow.Papers.ListDigests());
        Assert.Equal(5, digest.PaperCount);
    }

    [Fact]
    public async Task Ingest_FileThatGrowsWithoutNewWriteTime_WaitsUntilItsSizeSettles()
    {
        // A copy that keeps the source's time stamp (cp -p, rsync) changes only in size.
        var path = _inbox.Drop("copy.txt", DigestText.Build("2024-05-06", ("Copied Paper One", DigestText.Abstract("copies"))));
        await _inbox.PollAsync();
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(0.9));
        await File.AppendAllTextAsync(path, $"Copied Paper Two\n\n{DigestText.Abstract("more copies")}\n\n");
        File.SetLastWriteTimeUtc(path, InboxHarness.Written.UtcDateTime);
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(0.2));
        await _inbox.PollAsync();
        var storedWhileCopying = _inbox.Papers.Counts().Digests;

        await _inbox.SettleAndPollAsync();

        Assert.Equal(0, storedWhileCopying);
        Assert.Equal(2, Assert.Single(_inbox.Papers.ListDigests()).PaperCount);
    }

    [LinuxFact]
    public async Task Ingest_FileStillOpenForWriting_WaitsUntilItIsClosed()
    {
        var path = Path.Combine(Inbox, "open.txt");
        var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        await writer.WriteAsync(Encoding.UTF8.GetBytes(InboxHarness.GoodDigest("Held Open While Writing")));
        await writer.FlushAsync();

        await _inbox.SettleAndPollAsync();
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(10));
        await _inbox.PollAsync();
        var storedWhileOpen = _inbox.Papers.Counts().Digests;
        await writer.DisposeAsync();
        await _inbox.PollAsync();

        Assert.Equal(0, storedWhileOpen);
        Assert.Equal(1, _inbox.Papers.Counts().Digests);
        Assert.Equal(["open.txt"], _inbox.FilesIn("processed"));
    }

    [LinuxFact]
    public async Task Ingest_FileOpenForReadingOnly_IsNotHeldBack()
    {
        var path = _inbox.Drop("read.txt", InboxHarness.GoodDigest("Read By Someone Else"));
        await using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        await _inbox.SettleAndPollAsync();

        Assert.Equal(1, _inbox.Papers.Counts().Digests);
    }

    [Theory]
    [InlineData(".hidden.txt")]
    [InlineData("upload.txt.partial")]
    [InlineData("upload.tmp")]
    public async Task PollOnce_HiddenOrTemporaryFile_IsLeftAlone(string name)
    {
        var file = _inbox.Drop(name, InboxHarness.GoodDigest("Tiny Recursive Models for Puzzles"));

        await _inbox.SettleAndPollAsync();

        Assert.True(File.Exists(file));
        Assert.Equal(0, _inbox.Papers.Counts().Digests);
    }

    [Fact]
    public async Task PollOnce_NameClashInProcessed_DoesNotOverwriteTheEarlierFile()
    {
        var processed = Path.Combine(Inbox, "processed");
        Directory.CreateDirectory(processed);
        await File.WriteAllTextAsync(Path.Combine(processed, "daily.txt"), "yesterday's digest");
        var content = InboxHarness.GoodDigest("Long Context Retrieval with Landmarks");
        _inbox.Drop("daily.txt", content);

        await _inbox.SettleAndPollAsync();

        Assert.Equal("yesterday's digest", await File.ReadAllTextAsync(Path.Combine(processed, "daily.txt")));
        var files = _inbox.FilesIn("processed");
        Assert.Equal(2, files.Length);
        var renamed = Path.Combine(processed, files.Single(f => f != "daily.txt"));
        Assert.Equal(content, await File.ReadAllTextAsync(renamed));
    }

    [Fact]
    public async Task PollOnce_SecondNameClashInTheSameSecond_DoesNotOverwriteEither()
    {
        var processed = Path.Combine(Inbox, "processed");
        Directory.CreateDirectory(processed);
        var stamp = _inbox.Store.Clock.GetUtcNow().AddSeconds(_inbox.SettleSeconds).ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(processed, "daily.txt"), "first");
        await File.WriteAllTextAsync(Path.Combine(processed, $"daily.{stamp}.txt"), "second");
        var content = InboxHarness.GoodDigest("Mixture of Depths for Adaptive Compute");
        _inbox.Drop("daily.txt", content);

        await _inbox.SettleAndPollAsync();

        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(processed, "daily.txt")));
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(processed, $"daily.{stamp}.txt")));
        var contents = await Task.WhenAll(Directory.GetFiles(processed).Select(f => File.ReadAllTextAsync(f)));
        Assert.Equal(3, contents.Length);
        Assert.Contains(content, contents);
    }

    [Fact]
    public async Task PollOnce_NameClashInFailed_KeepsBothFailuresAndTheirErrors()
    {
        _inbox.Drop("bad.txt", "Not a digest, only one sentence of prose here.");
        await _inbox.SettleAndPollAsync();
        _inbox.Drop("bad.txt", "Also not a digest, and a different sentence of prose.");

        await _inbox.SettleAndPollAsync();

        var failed = _inbox.FilesIn("failed");
        Assert.Equal(4, failed.Length);
        Assert.Equal(2, failed.Count(f => f.EndsWith(".error.txt", StringComparison.Ordinal)));
        Assert.Equal("Not a digest, only one sentence of prose here.", await File.ReadAllTextAsync(Path.Combine(Inbox, "failed", "bad.txt")));
    }

    public void Dispose() => _inbox.Dispose();
}
