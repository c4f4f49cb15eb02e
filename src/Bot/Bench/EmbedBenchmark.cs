using System.Diagnostics;
using Bot.Digests;
using Bot.Embeddings;

namespace Bot.Bench;

public sealed record EmbedBenchResult(
    string Model, string Pooling, int Papers, int Texts, int Repeat, IReadOnlyList<double> RunsSeconds,
    double MinSeconds, double TextsPerSecond, double MsPerText, double PapersPerSecond);

/// <summary>
/// Embeds the papers of a folder of digests the way ingest does (the configured pooling's texts, in
/// batches), several times, and reports throughput from the fastest run.
/// </summary>
public static class EmbedBenchmark
{
    public static async Task<EmbedBenchResult> RunAsync(
        ActiveEmbeddingModel model, string folder, int repeat, int batchSize, Action<string> progress, CancellationToken cancellationToken)
    {
        if (model.Generator is not { } generator)
        {
            throw new BenchException("no embedding model is configured (Bot:Embeddings:Provider is none)");
        }
        if (!Directory.Exists(folder))
        {
            throw new BenchException($"{folder}: no such folder (pass --digests)");
        }
        var papers = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .SelectMany(file => DigestParser.Parse(File.ReadAllBytes(file), Path.GetFileName(file), DateOnly.FromDateTime(DateTime.UtcNow)).Papers)
            .DistinctBy(p => p.TitleKey)
            .ToList();
        var texts = papers.SelectMany(p => model.PaperTexts(p.Title, p.Abstract)).Select(w => w.Text).ToList();
        await generator.GenerateAsync(texts.Take(8), cancellationToken: cancellationToken);

        var runs = new List<double>(repeat);
        for (var run = 0; run < repeat; run++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var batch in texts.Chunk(batchSize))
            {
                await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
            runs.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            progress($"run {run + 1}/{repeat}: {texts.Count} texts in {runs[^1]:F2} s");
        }
        var best = runs.Min();
        return new EmbedBenchResult(model.GeneratorModelId!, model.Vectorizer.Signature, papers.Count, texts.Count, repeat, runs,
            best, texts.Count / best, best * 1000 / texts.Count, papers.Count / best);
    }
}
