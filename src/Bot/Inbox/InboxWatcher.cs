using System.Text;
using Bot.Digests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Inbox;

/// <summary>
/// Polls the inbox folder (polling works on every file system, network shares and container volumes
/// included, where change notifications do not). A file is read once it has settled (see
/// <see cref="SettleTracker"/>, and no process has it open for writing, where that can be known: see
/// <see cref="OpenWriters"/>) and this instance has claimed it (see <see cref="InboxClaims"/>); it then
/// moves to <c>processed/</c>, or to <c>failed/</c> with a <c>.error.txt</c> beside it saying why.
/// Whatever goes wrong with one file is logged and the watcher goes on with the next.
/// </summary>
public sealed partial class InboxWatcher(
    DigestIngestor ingestor,
    Embeddings.EmbeddingBackfillSignal backfill,
    SampleSeeder seeder,
    TimeProvider clock,
    Random random,
    IOptions<InboxOptions> options,
    ILogger<InboxWatcher> logger,
    InboxArrivals? arrivals = null) : BackgroundService
{
    private const string Processed = "processed";
    private const string Failed = "failed";

    private readonly SettleTracker _settle = new(clock, TimeSpan.FromSeconds(options.Value.SettleSeconds));
    private readonly string _instance = $"{Environment.MachineName}-{Environment.ProcessId}-{random.Next():x8}";
    private InboxClaims? _claims;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await seeder.SeedIfEmptyAsync(stoppingToken);
        var inbox = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(inbox);
        LogWatching(inbox);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        try
        {
            do
            {
                await PollOnceAsync(inbox, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the file being read was either stored whole or not at all (one transaction).
        }
        finally
        {
            ReleaseClaims();
        }
    }

    internal async Task PollOnceAsync(string inbox, CancellationToken cancellationToken)
    {
        var claims = Claims(inbox);
        RecoverStaleClaims(claims);
        var entries = Directory.EnumerateFiles(inbox).Order(StringComparer.Ordinal).ToList();
        _settle.KeepOnly(entries.ToHashSet(StringComparer.Ordinal));
        var settled = entries.Where(file => IsCandidate(Path.GetFileName(file)) && IsSettled(file)).ToList();
        if (settled.Count == 0)
        {
            return;
        }
        var writing = options.Value.CheckOpenWriters ? OpenWriters.In(inbox) : new HashSet<string>();
        foreach (var file in settled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (writing.Contains(file))
            {
                LogStillOpen(Path.GetFileName(file));
                continue;
            }
            try
            {
                await ProcessAsync(claims, inbox, file, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One file must never stop the watcher: say what happened and go on with the next.
                LogFileFailed(Path.GetFileName(file), exception.Message);
            }
        }
    }

    private async Task ProcessAsync(InboxClaims claims, string inbox, string file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        if (claims.TryClaim(file) is not { } claimed)
        {
            LogTakenElsewhere(name);
            return;
        }
        IngestReport report;
        try
        {
            report = await ingestor.IngestFileAsync(claimed, cancellationToken, displayPath: file);
        }
        catch (OperationCanceledException)
        {
            claims.Release(claimed);
            throw;
        }
        catch (Exception exception)
        {
            // Not the digest's fault as far as we know (the store, the disk), but this file is what it failed on.
            report = IngestReport.Empty with { Errors = [$"{file}: could not be ingested: {exception.Message}"] };
        }
        arrivals?.Report(new InboxArrival(name, report));
        if (report.Errors.Count == 0)
        {
            MoveOn(claimed, Path.Combine(inbox, Processed), name);
            backfill.Notify();
            return;
        }
        var moved = MoveOn(claimed, Path.Combine(inbox, Failed), name);
        if (moved is not null)
        {
            await File.WriteAllTextAsync(moved + ".error.txt", string.Join(Environment.NewLine, report.Errors) + Environment.NewLine, Encoding.UTF8, cancellationToken);
        }
    }

    /// <summary>The file in <paramref name="folder"/>, or null when it could not be moved there and stays claimed (it returns to the inbox when this instance stops).</summary>
    private string? MoveOn(string claimed, string folder, string name)
    {
        try
        {
            var moved = UniqueFileMove.Into(claimed, folder, name, clock.GetUtcNow());
            LogMoved(name, folder);
            return moved;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogCannotMove(name, folder, exception.Message, Path.GetDirectoryName(claimed)!);
            return null;
        }
    }

    private static bool IsCandidate(string name) =>
        !name.StartsWith('.') && !name.EndsWith(".partial", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        // The watcher's own folders, should one of them be a file by mistake.
        && name is not (Processed or Failed);

    private bool IsSettled(string file)
    {
        try
        {
            return _settle.IsSettled(new FileInfo(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private InboxClaims Claims(string inbox) => _claims ??= new InboxClaims(inbox, _instance, clock);

    private void RecoverStaleClaims(InboxClaims claims)
    {
        try
        {
            foreach (var name in claims.RecoverStale())
            {
                LogRecovered(name);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogRecoveryFailed(exception.Message);
        }
    }

    private void ReleaseClaims()
    {
        if (_claims is null)
        {
            return;
        }
        try
        {
            _claims.ReleaseAll();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogRecoveryFailed(exception.Message);
        }
        _claims.Dispose();
        _claims = null;
    }

    public override void Dispose()
    {
        ReleaseClaims();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the inbox {Path}")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {File} to {Folder}")]
    private partial void LogMoved(string file, string folder);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{File} is still open for writing; it is read once it is closed")]
    private partial void LogStillOpen(string file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{File} was taken by another instance watching the same inbox")]
    private partial void LogTakenElsewhere(string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not handle inbox file {File}: {Problem}; the watcher goes on")]
    private partial void LogFileFailed(string file, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not move {File} to {Folder}: {Problem}; it stays in {Claimed} and returns to the inbox when this instance stops")]
    private partial void LogCannotMove(string file, string folder, string problem, string claimed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Returned {File} to the inbox: the instance that claimed it is gone")]
    private partial void LogRecovered(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not return claimed files to the inbox: {Problem}")]
    private partial void LogRecoveryFailed(string problem);
}
