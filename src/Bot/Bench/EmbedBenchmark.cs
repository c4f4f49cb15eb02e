using System.Diagnostics;
using Bot.Digests;
using Bot.Embeddings;
using Bot.Search;

namespace Bot.Bench;

public sealed record EmbedBenchResult(
    string Model, string Pooling, int Papers, int Texts, long Tokens, int Repeat, IReadOnlyList<double> RunsSeconds,
    double MinSeconds, double TextsPerSecond, double TokensPerSecond, double MsPerText, double PapersPerSecond,
    int Queries, LatencySummary QueryLatency);

/// <summary>
/// Embeds the papers of a folder of digests the way ingest does (the configured pooling's windows, the
/// windows of <paramref name="papersPerCall"/> papers in one call, which the model sorts by length into
/// its own batches), several times, and reports throughput from the fastest run; then embeds each
/// judged query on its own, as a search does, and reports the latency.
/// </summary>
public static class EmbedBenchmark
{
    public static async Task<EmbedBenchResult> RunAsync(
        ActiveEmbeddingModel model, string folder, string queriesPath, int repeat, int papersPerCall, Action<string> progress, CancellationToken cancellationToken)
    {
        if (model.Generator is not { } generator)
        {
            throw new BenchException("no embedding model is configured (Bot:Embeddings:Provider is none)");
        }
        if (!Directory.Exists(folder))
        {
            throw new BenchException($"{folder}: no such folder (pass --digests)");
        }
        if (!File.Exists(queriesPath))
        {
            throw new BenchException($"{queriesPath}: no such file (pass --eval)");
        }
        var papers = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .SelectMany(file => DigestParser.Parse(File.ReadAllBytes(file), Path.GetFileName(file), DateOnly.FromDateTime(DateTime.UtcNow)).Papers)
            .DistinctBy(p => p.TitleKey)
            .ToList();
        var calls = papers.Chunk(papersPerCall).Select(chunk => chunk.SelectMany(p => model.PaperTexts(p.Title, p.Abstract)).Select(w => w.Text).ToList()).ToList();
        var texts = calls.SelectMany(c => c).ToList();
        // What the model reads: each window's tokens plus [CLS] and [SEP] (cut at its limit).
        var tokens = model.WindowEncoder is { } encoder ? texts.Sum(t => (long)encoder.Encode(t).Length) : 0;
        await generator.GenerateAsync(texts.Take(8), cancellationToken: cancellationToken);

        var runs = new List<double>(repeat);
        for (var run = 0; run < repeat; run++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var call in calls)
            {
                await generator.GenerateAsync(call, cancellationToken: cancellationToken);
            }
            runs.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            progress($"run {run + 1}/{repeat}: {texts.Count} texts in {runs[^1]:F2} s");
        }

        var queries = SearchEvaluator.Load(queriesPath).Select(q => q.Query).ToList();
        var latencies = new List<double>(queries.Count * repeat);
        for (var run = 0; run < repeat; run++)
        {
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                await model.EmbedQueryAsync(query, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        var best = runs.Min();
        return new EmbedBenchResult(model.GeneratorModelId!, model.Vectorizer.Signature, papers.Count, texts.Count, tokens, repeat, runs,
            best, texts.Count / best, tokens / best, best * 1000 / texts.Count, papers.Count / best, queries.Count, LatencySummary.From(latencies));
    }
}
