using System.Diagnostics;
using Bot.Search;

namespace Bot.Bench;

/// <param name="CpuMsPerQuery">Process CPU time per query (all threads): steadier than wall time when other processes compete for the cores.</param>
public sealed record ModeLatency(string Mode, LatencySummary Latency, double CpuMsPerQuery, double MeanResults);

public sealed record SearchBenchResult(
    SyntheticStoreInfo Store,
    int Queries,
    int Limit,
    double IndexLoadMs,
    long IndexMemoryBytes,
    long WorkingSetAfterLoadBytes,
    long PeakWorkingSetAfterLoadBytes,
    long PeakWorkingSetBytes,
    bool PeakResetBeforeSearch,
    IReadOnlyList<ModeLatency> Modes);

/// <summary>
/// Times every query in every mode through the real <see cref="SearchService"/> (ranking, fusion and
/// hydration of the results a user would see), after loading the vector index and a warm-up.
/// </summary>
public sealed class SearchBenchmark(SearchService search, VectorIndexCache vectors)
{
    private static readonly SearchMode[] Modes = [SearchMode.Bm25, SearchMode.Vector, SearchMode.Hybrid];

    public async Task<SearchBenchResult> RunAsync(
        SyntheticStoreInfo store, IReadOnlyList<string> queries, int limit, int warmup, CancellationToken cancellationToken)
    {
        // Whatever building the store took is not what a bot serving this store holds.
        var peakReset = ProcessProbe.ResetPeak();

        var started = Stopwatch.GetTimestamp();
        var index = vectors.Get(store.ModelId) ?? throw new BenchException($"{store.Path} holds no vectors of {store.ModelId}");
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var workingSetAfterLoad = ProcessProbe.WorkingSet();
        var peakAfterLoad = ProcessProbe.PeakWorkingSet();

        foreach (var mode in Modes)
        {
            foreach (var query in queries.Take(warmup))
            {
                await search.SearchAsync(new SearchRequest(query, limit, mode), cancellationToken);
            }
        }

        var results = new List<ModeLatency>(Modes.Length);
        foreach (var mode in Modes)
        {
            var timings = new List<double>(queries.Count);
            long found = 0;
            var cpuBefore = ProcessProbe.ProcessorTime();
            foreach (var query in queries)
            {
                var begun = Stopwatch.GetTimestamp();
                var response = await search.SearchAsync(new SearchRequest(query, limit, mode), cancellationToken);
                timings.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                found += response.Results.Count;
            }
            var cpuMs = (ProcessProbe.ProcessorTime() - cpuBefore).TotalMilliseconds / queries.Count;
            results.Add(new ModeLatency(SearchModeNames.Name(mode), LatencySummary.From(timings), cpuMs, (double)found / queries.Count));
        }
        return new SearchBenchResult(store, queries.Count, limit, loadMs, index.MemoryBytes, workingSetAfterLoad, peakAfterLoad,
            ProcessProbe.PeakWorkingSet(), peakReset, results);
    }
}
