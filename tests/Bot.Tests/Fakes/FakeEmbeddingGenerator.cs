using Microsoft.Extensions.AI;

namespace Bot.Tests.Fakes;

/// <summary>
/// A deterministic stand-in for a real embedding model: each lower-cased word token is hashed into one
/// of <see cref="Dimensions"/> buckets, so texts sharing words get similar vectors (bag of words).
/// </summary>
internal sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 64;
    public const string ModelId = "fake-hash-64";

    private readonly EmbeddingGeneratorMetadata _metadata = new("fake", null, ModelId, Dimensions);

    /// <summary>How many texts were embedded, over all calls.</summary>
    public int TextsEmbedded { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            embeddings.Add(new Embedding<float>(Embed(text)) { ModelId = ModelId });
            TextsEmbedded++;
        }
        return Task.FromResult(embeddings);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var token in Tokens(text))
        {
            vector[Bucket(token)] += 1f;
        }
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    private static int Bucket(string token)
    {
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Dimensions);
    }
}
