using System.Diagnostics;
using Bot.Digests;
using Bot.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

public sealed record IngestBenchResult(
    string Path, int Repeat, int Digests, int Papers, IReadOnlyList<double> RunsMs, double MinMs, double MedianMs, double PapersPerSecond);

/// <summary>
/// Ingests a folder of digests into a fresh store, several times: parse, store, index (FTS triggers).
/// The clock covers <see cref="DigestIngestor.IngestPathsAsync"/> only; host start and schema creation are outside it.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<IngestBenchResult> RunAsync(string folder, int repeat, Action<string> progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new BenchException($"{folder}: no such folder (pass --digests)");
        }
        var runs = new List<double>(repeat);
        IngestReport? report = null;
        for (var run = 0; run < repeat; run++)
        {
            var path = BenchHost.TempStorePath("ingest");
            try
            {
                using (var host = BenchHost.Build(path, generator: null))
                {
                    host.Services.GetRequiredService<PaperStore>().Generation();
                    var ingestor = host.Services.GetRequiredService<DigestIngestor>();
                    var started = Stopwatch.GetTimestamp();
                    report = await ingestor.IngestPathsAsync([folder], cancellationToken);
                    runs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                if (report.Errors.Count > 0)
                {
                    throw new BenchException($"ingest failed: {string.Join("; ", report.Errors)}");
                }
                progress($"run {run + 1}/{repeat}: {runs[^1]:F1} ms, {report.PapersNew} papers");
            }
            finally
            {
                BenchHost.DeleteStore(path);
            }
        }
        var sorted = runs.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var papers = report?.PapersNew ?? 0;
        return new IngestBenchResult(Path.GetFullPath(folder), repeat, report?.Digests ?? 0, papers, runs, sorted[0], median,
            median > 0 ? papers / (median / 1000) : 0);
    }
}
