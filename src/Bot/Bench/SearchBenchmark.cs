using System.Diagnostics;
using Bot.Search;

namespace Bot.Bench;

public sealed record ModeLatency(string Mode, LatencySummary Latency, double MeanResults);

public sealed record SearchBenchResult(
    SyntheticStoreInfo Store,
    int Queries,
    int Limit,
    double IndexLoadMs,
    long IndexMemoryBytes,
    long WorkingSetAfterLoadBytes,
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
        var peakReset = MemoryProbe.ResetPeak();

        var started = Stopwatch.GetTimestamp();
        var index = vectors.Get(store.ModelId) ?? throw new BenchException($"{store.Path} holds no vectors of {store.ModelId}");
        var loadMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var workingSetAfterLoad = MemoryProbe.WorkingSet();

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
            foreach (var query in queries)
            {
                var begun = Stopwatch.GetTimestamp();
                var response = await search.SearchAsync(new SearchRequest(query, limit, mode), cancellationToken);
                timings.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                found += response.Results.Count;
            }
            results.Add(new ModeLatency(SearchModeNames.Name(mode), LatencySummary.From(timings), (double)found / queries.Count));
        }
        return new SearchBenchResult(store, queries.Count, limit, loadMs, index.MemoryBytes, workingSetAfterLoad,
            MemoryProbe.PeakWorkingSet(), peakReset, results);
    }
}
