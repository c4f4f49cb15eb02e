using System.Globalization;
using System.Text;
using Bot.Bench;

namespace Bot.Cli;

/// <summary>The human-readable form of the benchmark results.</summary>
internal static class BenchTables
{
    public static string Ingest(IngestBenchResult result) => string.Create(CultureInfo.InvariantCulture,
        $"""
        ingest {result.Path}: {result.Digests} digests, {result.Papers} papers, {result.Repeat} runs
        min {result.MinMs:F1} ms, median {result.MedianMs:F1} ms, {result.PapersPerSecond:F0} papers/s (median)
        runs (ms): {string.Join(", ", result.RunsMs.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)))}
        """);

    public static string Embed(EmbedBenchResult result) => string.Create(CultureInfo.InvariantCulture,
        $"""
        embed with {result.Model} ({result.Pooling}): {result.Papers} papers as {result.Texts} texts of {result.Tokens:N0} tokens, {result.Repeat} runs
        fastest {result.MinSeconds:F2} s: {result.TextsPerSecond:F1} texts/s, {result.TokensPerSecond:N0} tokens/s, {result.MsPerText:F2} ms/text, {result.PapersPerSecond:F1} papers/s
        runs (s): {string.Join(", ", result.RunsSeconds.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}
        query embedding ({result.QueryLatency.Count} = {result.Queries} queries x {result.Repeat}), ms: p50 {result.QueryLatency.P50:F2}, p95 {result.QueryLatency.P95:F2}, p99 {result.QueryLatency.P99:F2}, max {result.QueryLatency.Max:F2}
        """);

    public static string Search(SearchBenchResult result)
    {
        var text = new StringBuilder();
        var store = result.Store;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"store {store.Path}: {store.Papers:N0} papers, {store.Dimensions}-d vectors ({(store.Reused ? "reused" : $"built in {store.BuildSeconds:F1} s")})");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"vector index: loaded in {result.IndexLoadMs:F0} ms, {MiB(result.IndexMemoryBytes)} MiB; working set after load {MiB(result.WorkingSetAfterLoadBytes)} MiB (peak {MiB(result.PeakWorkingSetAfterLoadBytes)}); peak at the end {MiB(result.PeakWorkingSetBytes)} MiB{(result.PeakResetBeforeSearch ? "" : " (not reset after the build)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Queries} queries per mode, {result.Limit} results each, latency in ms:");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"mode",-8} {"p50",9} {"p95",9} {"p99",9} {"max",9} {"mean",9} {"cpu/q",9} {"results",8}");
        foreach (var mode in result.Modes)
        {
            var l = mode.Latency;
            text.AppendLine(CultureInfo.InvariantCulture, $"{mode.Mode,-8} {l.P50,9:F2} {l.P95,9:F2} {l.P99,9:F2} {l.Max,9:F2} {l.Mean,9:F2} {mode.CpuMsPerQuery,9:F2} {mode.MeanResults,8:F1}");
        }
        return text.ToString().TrimEnd();
    }

    public static string Recommend(RecommendBenchResult result)
    {
        var store = result.Store;
        var users = result.Users;
        var l = result.PerUser;
        return string.Create(CultureInfo.InvariantCulture, $"""
            store {store.Path}: {store.Papers:N0} papers, {store.Dimensions}-d vectors ({(store.Reused ? "reused" : $"built in {store.BuildSeconds:F1} s")})
            {users.Users:N0} users in {users.Guilds:N0} servers: {users.Interests:N0} interests, {users.Feedback:N0} likes/saves/dismissals, {users.Seen:N0} papers already shown
            candidates per ranking: the newest {result.Candidates:N0} papers{(result.NewPapers > 0 ? $", picks only among the newest days' {result.NewPapers:N0}" : "")}; pool loaded in {result.PoolLoadMs:F0} ms; int8 scan kernel {result.ScanKernel}
            daily run: {result.TotalSeconds:F1} s wall, {result.CpuSeconds:F1} s CPU on {result.Workers} workers, {result.Batch} users per pass, {result.UsersPerSecond:F0} users/s, {result.MeanPicks:F1} picks per user
            per user, the wait for their batch (ms): p50 {l.P50:F2}  p95 {l.P95:F2}  p99 {l.P99:F2}  max {l.Max:F2}  mean {l.Mean:F2}
            """);
    }

    private static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);
}
