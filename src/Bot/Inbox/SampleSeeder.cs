using Bot.Digests;
using Bot.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Inbox;

/// <summary>On a fresh store, ingests the sample digests so the first run already answers searches.</summary>
public sealed partial class SampleSeeder(
    PaperStore store, DigestIngestor ingestor, Embeddings.EmbeddingBackfillSignal backfill, IOptions<InboxOptions> options, ILogger<SampleSeeder> logger)
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _done;

    /// <summary>Safe to call from every hosted service that needs the samples first; seeds at most once.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await SeedAsync(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _once.Release();
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var samples = options.Value.SamplesPath;
        if (string.IsNullOrWhiteSpace(samples) || store.HasDigests())
        {
            return;
        }
        if (!Directory.Exists(samples))
        {
            LogNoSamples(System.IO.Path.GetFullPath(samples));
            return;
        }
        var report = await ingestor.IngestPathsAsync([samples], cancellationToken, embedNow: false);
        backfill.Notify();
        LogSeeded(report.Digests, report.PapersNew, samples);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fresh store: ingested {Digests} sample digests ({Papers} papers) from {Path}")]
    private partial void LogSeeded(int digests, int papers, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fresh store and no sample digests at {Path}; drop digests into the inbox folder")]
    private partial void LogNoSamples(string path);
}
