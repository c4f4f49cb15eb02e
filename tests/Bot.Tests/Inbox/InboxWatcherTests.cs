using Bot.Digests;
using Bot.Embeddings;
using Bot.Inbox;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Inbox;

public sealed class InboxWatcherTests : IDisposable
{
    private static readonly DateTimeOffset Written = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TestStore _store = TestStore.Create();
    private readonly InboxWatcher _watcher;

    public InboxWatcherTests()
    {
        Inbox = Path.Combine(_store.Folder, "inbox");
        Directory.CreateDirectory(Inbox);
        var options = Options.Create(new InboxOptions { Path = Inbox, SettleSeconds = 1, SamplesPath = "" });
        var ingestor = _store.Get<DigestIngestor>();
        var seeder = new SampleSeeder(_store.Get<PaperStore>(), ingestor, _store.Get<EmbeddingBackfillSignal>(), options, NullLogger<SampleSeeder>.Instance);
        _watcher = new InboxWatcher(ingestor, _store.Get<EmbeddingBackfillSignal>(), seeder, _store.Clock, options, NullLogger<InboxWatcher>.Instance);
        _store.Clock.SetUtcNow(Written.AddSeconds(5));
    }

    private string Inbox { get; }

    [Fact]
    public async Task PollOnce_SettledGoodDigest_IsStoredAndMovedToProcessed()
    {
        var file = Drop("good.txt", GoodDigest("Attention Sinks in Streaming Language Models"));

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        Assert.False(File.Exists(file));
        Assert.True(File.Exists(Path.Combine(Inbox, "processed", "good.txt")));
        Assert.NotNull(_store.Get<PaperStore>().FindPaper("Attention Sinks in Streaming Language Models"));
    }

    [Fact]
    public async Task PollOnce_BadDigest_IsMovedToFailedWithAnErrorFileNamingFileAndProblem()
    {
        Drop("notes.txt", "Just one line of prose that is not a digest at all, and ends with a period.");

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        var failed = Path.Combine(Inbox, "failed", "notes.txt");
        Assert.True(File.Exists(failed));
        var error = await File.ReadAllTextAsync(failed + ".error.txt");
        Assert.Contains("notes.txt", error, StringComparison.Ordinal);
        Assert.Contains("expected a Daily Papers digest", error, StringComparison.Ordinal);
        Assert.Equal(0, _store.Get<PaperStore>().Counts().Digests);
        Assert.False(Directory.Exists(Path.Combine(Inbox, "processed")));
    }

    [Fact]
    public async Task PollOnce_FileStillBeingWritten_IsLeftAloneUntilItSettles()
    {
        var file = Drop("copying.txt", GoodDigest("Speculative Decoding with Small Drafts"));
        _store.Clock.SetUtcNow(Written.AddSeconds(0.5));

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);
        var storedWhileWriting = _store.Get<PaperStore>().Counts().Digests;
        var stillThere = File.Exists(file);
        _store.Clock.Advance(TimeSpan.FromSeconds(1));
        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        Assert.True(stillThere);
        Assert.Equal(0, storedWhileWriting);
        Assert.True(File.Exists(Path.Combine(Inbox, "processed", "copying.txt")));
        Assert.Equal(1, _store.Get<PaperStore>().Counts().Digests);
    }

    [Theory]
    [InlineData(".hidden.txt")]
    [InlineData("upload.txt.partial")]
    [InlineData("upload.tmp")]
    public async Task PollOnce_HiddenOrTemporaryFile_IsLeftAlone(string name)
    {
        var file = Drop(name, GoodDigest("Tiny Recursive Models for Puzzles"));

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        Assert.True(File.Exists(file));
        Assert.Equal(0, _store.Get<PaperStore>().Counts().Digests);
    }

    [Fact]
    public async Task PollOnce_NameClashInProcessed_DoesNotOverwriteTheEarlierFile()
    {
        var processed = Path.Combine(Inbox, "processed");
        Directory.CreateDirectory(processed);
        await File.WriteAllTextAsync(Path.Combine(processed, "daily.txt"), "yesterday's digest");
        var content = GoodDigest("Long Context Retrieval with Landmarks");
        Drop("daily.txt", content);

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        Assert.Equal("yesterday's digest", await File.ReadAllTextAsync(Path.Combine(processed, "daily.txt")));
        var files = Directory.GetFiles(processed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        var renamed = Path.Combine(processed, files.Single(f => f != "daily.txt")!);
        Assert.Equal(content, await File.ReadAllTextAsync(renamed));
    }

    [Fact]
    public async Task PollOnce_SecondNameClashInTheSameSecond_DoesNotOverwriteEither()
    {
        var processed = Path.Combine(Inbox, "processed");
        Directory.CreateDirectory(processed);
        var stamp = _store.Clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(processed, "daily.txt"), "first");
        await File.WriteAllTextAsync(Path.Combine(processed, $"daily.{stamp}.txt"), "second");
        var content = GoodDigest("Mixture of Depths for Adaptive Compute");
        Drop("daily.txt", content);

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(processed, "daily.txt")));
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(processed, $"daily.{stamp}.txt")));
        var contents = await Task.WhenAll(Directory.GetFiles(processed).Select(f => File.ReadAllTextAsync(f)));
        Assert.Equal(3, contents.Length);
        Assert.Contains(content, contents);
    }

    [Fact]
    public async Task PollOnce_NameClashInFailed_KeepsBothFailuresAndTheirErrors()
    {
        Drop("bad.txt", "Not a digest, only one sentence of prose here.");
        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);
        Drop("bad.txt", "Also not a digest, and a different sentence of prose.");

        await _watcher.PollOnceAsync(Inbox, CancellationToken.None);

        var failed = Directory.GetFiles(Path.Combine(Inbox, "failed")).Select(Path.GetFileName).ToList();
        Assert.Equal(4, failed.Count);
        Assert.Equal(2, failed.Count(f => f!.EndsWith(".error.txt", StringComparison.Ordinal)));
        Assert.Equal("Not a digest, only one sentence of prose here.", await File.ReadAllTextAsync(Path.Combine(Inbox, "failed", "bad.txt")));
    }

    public void Dispose() => _store.Dispose();

    private string Drop(string name, string content)
    {
        var path = Path.Combine(Inbox, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, Written.UtcDateTime);
        return path;
    }

    private static string GoodDigest(string title) =>
        DigestText.Build("2024-05-06", (title, DigestText.Abstract(title.ToLowerInvariant())));
}
