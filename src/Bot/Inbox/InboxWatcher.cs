using System.Text;
using Bot.Digests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Inbox;

/// <summary>
/// Polls the inbox folder (polling works on every file system, network shares and container volumes
/// included, where change notifications do not). A settled file is ingested, then moved to
/// <c>processed/</c>, or to <c>failed/</c> with a <c>.error.txt</c> beside it saying why.
/// </summary>
public sealed partial class InboxWatcher(
    DigestIngestor ingestor,
    Embeddings.EmbeddingBackfillSignal backfill,
    SampleSeeder seeder,
    TimeProvider clock,
    IOptions<InboxOptions> options,
    ILogger<InboxWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await seeder.SeedIfEmptyAsync(stoppingToken);
        var inbox = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(inbox);
        LogWatching(inbox);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            await PollOnceAsync(inbox, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task PollOnceAsync(string inbox, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(inbox).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!IsSettled(file))
            {
                continue;
            }
            var report = ingestor.IngestFile(file);
            if (report.Errors.Count == 0)
            {
                Move(file, Path.Combine(inbox, "processed"));
                backfill.Notify();
            }
            else
            {
                var moved = Move(file, Path.Combine(inbox, "failed"));
                await File.WriteAllTextAsync(moved + ".error.txt", string.Join(Environment.NewLine, report.Errors) + Environment.NewLine, Encoding.UTF8, cancellationToken);
            }
        }
    }

    private bool IsSettled(string file) =>
        clock.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(file) >= TimeSpan.FromSeconds(options.Value.SettleSeconds);

    private string Move(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(file));
        if (File.Exists(target))
        {
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.{stamp}{Path.GetExtension(file)}");
            // The same name can arrive twice within one second: count on rather than overwrite the earlier file.
            for (var n = 2; File.Exists(target); n++)
            {
                target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.{stamp}-{n}{Path.GetExtension(file)}");
            }
        }
        File.Move(file, target, overwrite: false);
        LogMoved(Path.GetFileName(file), folder);
        return target;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the inbox {Path}")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {File} to {Folder}")]
    private partial void LogMoved(string file, string folder);
}
