using Bot.Embeddings;
using Bot.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Digests;

/// <summary>
/// Ingests digest files: checks the size, parses, stores each digest in one transaction, then gives
/// new papers their vectors. A bad file is reported and skipped; what is stored is never touched by it.
/// </summary>
public sealed partial class DigestIngestor(
    PaperStore store,
    PaperEmbedder embedder,
    TimeProvider clock,
    IOptions<IngestOptions> options,
    ILogger<DigestIngestor> logger)
{
    /// <summary>Files and folders (their digest files, in name order).</summary>
    /// <param name="embedNow">Give new papers their vectors before returning; the worker leaves that to its background backfill.</param>
    public async Task<IngestReport> IngestPathsAsync(IEnumerable<string> paths, CancellationToken cancellationToken, bool embedNow = true)
    {
        var report = IngestReport.Empty;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => options.Value.Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    report = report.Add(await IngestFileAsync(file, cancellationToken));
                }
            }
            else if (File.Exists(path))
            {
                report = report.Add(await IngestFileAsync(path, cancellationToken));
            }
            else
            {
                report = report.Add(IngestReport.Empty with { Errors = [$"{path}: no such file or folder"] });
            }
        }
        // Only a store that exists: a refused ingest into a new --db path must not leave an empty store behind.
        if (embedNow && File.Exists(store.FilePath))
        {
            await embedder.EmbedMissingAsync(cancellationToken);
        }
        return report;
    }

    /// <summary>One file from disk, for callers without a cancellation token (tests, one-off tools); see <see cref="IngestFileAsync"/>.</summary>
    public IngestReport IngestFile(string path) => IngestFileAsync(path, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// One file from disk; its last write time is its arrival time. Only a regular file is read, and
    /// only within <see cref="IngestOptions.ReadTimeoutSeconds"/> (see <see cref="DigestFileReader"/>).
    /// </summary>
    /// <param name="displayPath">What to call the file in reports, when it is read from somewhere else (the inbox reads a claimed copy).</param>
    public async Task<IngestReport> IngestFileAsync(string path, CancellationToken cancellationToken, string? displayPath = null)
    {
        var label = displayPath ?? path;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(label, "no such file (it was moved or deleted before it could be read)");
            }
            if (info.Length > options.Value.MaxFileBytes)
            {
                return Failed(label, $"the file is {info.Length:N0} bytes, over the {options.Value.MaxFileBytes:N0}-byte limit for a digest (Bot:Ingest:MaxFileBytes)");
            }
            var content = await DigestFileReader.ReadAsync(info, options.Value.MaxFileBytes, TimeSpan.FromSeconds(options.Value.ReadTimeoutSeconds), clock, cancellationToken);
            return IngestContent(content, info.Name, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), label, cancellationToken);
        }
        catch (DigestFormatException exception)
        {
            return Failed(label, exception.Problem);
        }
        catch (IOException exception)
        {
            return Failed(label, $"could not read the file: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            return Failed(label, $"could not read the file: {exception.Message}");
        }
    }

    /// <summary>Content that arrived some other way (a chat attachment): same checks, same report.</summary>
    /// <param name="cancellationToken">Stops reading the file (shutdown); the file's own time budget, <see cref="IngestOptions.ParseTimeoutSeconds"/>, is added to it here.</param>
    public IngestReport IngestContent(ReadOnlySpan<byte> content, string sourceName, DateTimeOffset arrivedAt, string? displayPath = null, CancellationToken cancellationToken = default)
    {
        var label = displayPath ?? sourceName;
        if (content.Length > options.Value.MaxFileBytes)
        {
            return Failed(label, $"the file is {content.Length:N0} bytes, over the {options.Value.MaxFileBytes:N0}-byte limit for a digest (Bot:Ingest:MaxFileBytes)");
        }
        ParsedDigest digest;
        // Every path that ingests (CLI, inbox, console and Discord /ingest) comes through here, so one
        // budget bounds them all, whatever a hostile file makes the parser do.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.ParseTimeoutSeconds), clock);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var arrival = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(arrivedAt, clock.LocalTimeZone).DateTime);
            digest = DigestParser.Parse(content, sourceName, arrival, options.Value.Limits, budget.Token);
        }
        catch (DigestFormatException exception)
        {
            return Failed(label, exception.Problem);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(label, $"reading the file took longer than the {Duration(TimeSpan.FromSeconds(options.Value.ParseTimeoutSeconds))} a digest may take (Bot:Ingest:ParseTimeoutSeconds); nothing of it was stored");
        }

        DigestWriteResult written;
        try
        {
            written = store.WriteDigest(digest, arrivedAt);
        }
        catch (SqliteException exception)
        {
            return Failed(label, $"the store refused the digest, nothing of it was kept: {exception.Message}");
        }
        var warnings = digest.Warnings.Select(w => $"{label}: {w}").ToList();
        if (written.AlreadyStored)
        {
            warnings.Add($"{label}: already ingested as digest {written.ShortId}; nothing changed");
        }
        else if (written.Extended)
        {
            warnings.Add($"{label}: a fuller copy of digest {written.ShortId}, which now lists its {digest.Papers.Count} papers ({written.PapersNew} new)");
        }
        LogIngested(label, written.ShortId, written.PapersNew, written.PapersExisting);
        return new IngestReport(written.AlreadyStored ? 0 : 1, written.AlreadyStored ? 1 : 0, written.PapersNew, written.PapersExisting, warnings, []);
    }

    private static string Duration(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0.###} ms" : $"{span.TotalSeconds:0.###} s";

    private IngestReport Failed(string label, string problem)
    {
        LogFailed(label, problem);
        return IngestReport.Empty with { Errors = [$"{label}: {problem}"] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {Source} as digest {DigestId}: {New} new papers, {Existing} already known")]
    private partial void LogIngested(string source, string digestId, int @new, int existing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ingest {Source}: {Problem}")]
    private partial void LogFailed(string source, string problem);
}
