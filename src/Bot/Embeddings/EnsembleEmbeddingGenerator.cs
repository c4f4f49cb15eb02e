using Bot.Embeddings.Onnx;
using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>
/// Several models as one: each text's unit vectors from every model, concatenated and scaled by
/// 1/√n, so the result is a unit vector whose cosine with another is the mean of the models' cosines
/// (score fusion with equal weights, kept in one vector that the index and recommender already handle).
/// </summary>
public sealed class EnsembleEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IReadOnlyList<OnnxSentenceEncoder> _members;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public EnsembleEmbeddingGenerator(IReadOnlyList<OnnxSentenceEncoder> members)
    {
        _members = members;
        var first = members[0].Profile;
        Profile = first with
        {
            Id = string.Join('+', members.Select(m => m.Profile.Id)),
            Dimensions = members.Sum(m => m.Profile.Dimensions),
            MaxTokens = members.Min(m => m.MaxTokens),
            QueryPrefix = "",
            Licence = string.Join(", ", members.Select(m => m.Profile.Licence).Distinct()),
            Source = string.Join("; ", members.Select(m => m.Profile.Source)),
            // The ensemble's cosine is the members' mean, and so is its floor.
            MinRelevantCosine = members.Average(m => m.Profile.MinRelevantCosine),
        };
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, Profile.Id, Profile.Dimensions);
    }

    public ModelProfile Profile { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var parts = new List<GeneratedEmbeddings<Embedding<float>>>(_members.Count);
        // One model at a time: each already uses every core.
        foreach (var member in _members)
        {
            parts.Add(await member.GenerateAsync(texts, options, cancellationToken));
        }
        var scale = 1f / MathF.Sqrt(_members.Count);
        var vectors = new Embedding<float>[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var vector = new float[Profile.Dimensions];
            var at = 0;
            foreach (var part in parts)
            {
                var span = part[i].Vector.Span;
                System.Numerics.Tensors.TensorPrimitives.Multiply(span, scale, vector.AsSpan(at, span.Length));
                at += span.Length;
            }
            vectors[i] = new Embedding<float>(vector) { ModelId = Profile.Id };
        }
        var tokens = parts.Sum(p => p.Usage?.InputTokenCount ?? 0);
        return new GeneratedEmbeddings<Embedding<float>>(vectors) { Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens } };
    }

    /// <summary>Windows are cut for the member that reads the fewest tokens (the members share BERT's vocabulary).</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType == typeof(ModelProfile) ? Profile
        : serviceType == typeof(OnnxSentenceEncoder) ? _members.MinBy(m => m.MaxTokens)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }
    }
}
