using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Bot.Embeddings.UseLite;

/// <summary>
/// USE-lite behind <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: each text embedded exactly
/// as the reference does (its first 128 tokens), texts of a batch spread over the cores. The empty
/// text gets the reference's vector for an empty row, and every input gets its own row.
/// </summary>
public sealed class UseLiteEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "use-lite-512";

    private readonly UseLiteModel _model;
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly ConcurrentBag<UseLiteModel.RunState> _states = [];
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _threads;

    public UseLiteEmbeddingGenerator(UseLiteModel model, SentencePieceTokenizer tokenizer, int threads = 0)
    {
        _model = model;
        _tokenizer = tokenizer;
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _metadata = new EmbeddingGeneratorMetadata("use-lite", null, ModelId, model.Settings.Width);
    }

    public SentencePieceTokenizer Tokenizer => _tokenizer;

    public int MaxTokens => _model.Settings.MaxTokens;

    /// <summary>Loads <c>model.json</c>, its weight shards and <c>vocab.json</c> from <paramref name="folder"/>.</summary>
    public static UseLiteEmbeddingGenerator Load(string folder, int threads = 0)
    {
        foreach (var required in new[] { "model.json", "vocab.json" })
        {
            if (!File.Exists(Path.Combine(folder, required)))
            {
                throw new FileNotFoundException(
                    $"USE-lite model files are missing: {Path.Combine(folder, required)} does not exist. The build fetches them into artifacts/npm; rebuild, or set Bot:Embeddings:UseLite:ModelPath.");
            }
        }
        return new UseLiteEmbeddingGenerator(new UseLiteModel(UseLiteWeights.Load(folder)), SentencePieceTokenizer.Load(Path.Combine(folder, "vocab.json")), threads);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var vectors = new float[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken }, i =>
        {
            vectors[i] = Embed(texts[i]);
        });
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(embeddings);
    }

    /// <summary>One text's embedding, computed on the calling thread.</summary>
    public float[] Embed(string text)
    {
        var tokens = _tokenizer.Encode(text ?? "");
        var state = _states.TryTake(out var pooled) ? pooled : _model.CreateRunState();
        try
        {
            var vector = new float[_model.Settings.Width];
            _model.Forward(tokens, state, vector);
            return vector;
        }
        finally
        {
            _states.Add(state);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
