using Microsoft.Extensions.AI;

namespace Bot.Bench;

/// <summary>
/// Stands in for an embedding model in benchmarks: a text maps to a random unit vector seeded by a
/// stable hash of the text, so the same query always gets the same vector and costs next to nothing,
/// leaving only the search itself on the clock.
/// </summary>
public sealed class SyntheticEmbeddingGenerator(string modelId, int dimensions) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("bench-synthetic", null, modelId, dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var vector = new float[dimensions];
            FillUnitVector(new Random(StableHash(value)), vector);
            embeddings.Add(new Embedding<float>(vector) { ModelId = modelId });
        }
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(_metadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    /// <summary>Uniform components in [-1, 1), scaled to length 1 (a random direction, enough for an exact scan's cost).</summary>
    public static void FillUnitVector(Random random, Span<float> vector)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = random.NextSingle() * 2 - 1;
        }
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }

    /// <summary>FNV-1a over the UTF-16 code units: string.GetHashCode is randomised per process.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)hash;
    }
}
