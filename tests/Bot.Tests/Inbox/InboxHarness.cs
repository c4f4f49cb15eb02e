using Bot.Digests;
using Bot.Embeddings;
using Bot.Inbox;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Inbox;

/// <summary>
/// A real store, an inbox folder in the test's temp folder, and watchers over it driven poll by poll
/// on the test's clock. Disposing stops the watchers (which returns what they still hold) and deletes
/// the folder.
/// </summary>
internal sealed class InboxHarness : IDisposable
{
    public static readonly DateTimeOffset Written = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly List<InboxWatcher> _watchers = [];

    public InboxHarness(double settleSeconds = 1, bool checkOpenWriters = true)
    {
        Inbox = Path.Combine(Store.Folder, "inbox");
        Directory.CreateDirectory(Inbox);
        SettleSeconds = settleSeconds;
        CheckOpenWriters = checkOpenWriters;
        Watcher = NewWatcher();
        Store.Clock.SetUtcNow(Written.AddSeconds(5));
    }

    public TestStore Store { get; } = TestStore.Create();

    public string Inbox { get; }

    public double SettleSeconds { get; }

    public bool CheckOpenWriters { get; }

    public InboxWatcher Watcher { get; }

    /// <summary>What every watcher of this harness tells a front end, recorded.</summary>
    public List<InboxArrival> Arrivals { get; } = [];

    public PaperStore Papers => Store.Get<PaperStore>();

    /// <summary>Another watcher on the same inbox and store: a second <c>serve</c>.</summary>
    public InboxWatcher NewWatcher()
    {
        var options = Options.Create(new InboxOptions { Path = Inbox, SettleSeconds = SettleSeconds, SamplesPath = "", CheckOpenWriters = CheckOpenWriters });
        var ingestor = Store.Get<DigestIngestor>();
        var seeder = new SampleSeeder(Papers, ingestor, Store.Get<EmbeddingBackfillSignal>(), options, NullLogger<SampleSeeder>.Instance);
        var arrivals = new InboxArrivals();
        arrivals.Arrived += arrival => { lock (Arrivals) { Arrivals.Add(arrival); } };
        var watcher = new InboxWatcher(ingestor, Store.Get<EmbeddingBackfillSignal>(), seeder, Store.Clock, new Random(_watchers.Count), options, NullLogger<InboxWatcher>.Instance, arrivals);
        _watchers.Add(watcher);
        return watcher;
    }

    public Task PollAsync(InboxWatcher? watcher = null) => (watcher ?? Watcher).PollOnceAsync(Inbox, CancellationToken.None);

    /// <summary>One poll to see the files, the settle window on the clock, one poll to read them.</summary>
    public async Task SettleAndPollAsync(InboxWatcher? watcher = null)
    {
        await PollAsync(watcher);
        Store.Clock.Advance(TimeSpan.FromSeconds(SettleSeconds));
        await PollAsync(watcher);
    }

    public string Drop(string name, string content)
    {
        var path = Path.Combine(Inbox, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, Written.UtcDateTime);
        return path;
    }

    public string[] FilesIn(string folder) =>
        Directory.Exists(Path.Combine(Inbox, folder))
            ? [.. Directory.GetFiles(Path.Combine(Inbox, folder)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Files anywhere under <c>.claimed/</c>, lock files aside.</summary>
    public string[] Claimed() =>
        Directory.Exists(Path.Combine(Inbox, InboxClaims.FolderName))
            ? [.. Directory.GetFiles(Path.Combine(Inbox, InboxClaims.FolderName), "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".owner", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)]
            : [];

    public static string GoodDigest(string title) =>
        DigestText.Build("2024-05-06", (title, DigestText.Abstract(title.ToLowerInvariant())));

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        Store.Dispose();
    }
}
