using Bot.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Embeddings;

/// <summary>The embedding providers configuration can name, and how each is built.</summary>
public static class EmbeddingProviders
{
    public const string None = "none";
    public const string Onnx = OnnxEmbeddingOptions.ProviderName;

    public static readonly IReadOnlyList<string> Known = [PackagedModels.MiniLmName, PackagedModels.ArcticXsName, Onnx, None];

    /// <summary>A packaged model, <c>onnx</c>, <c>none</c>, or packaged models joined by <c>+</c> (an ensemble).</summary>
    public static bool IsKnown(string provider) =>
        provider.Equals(None, StringComparison.OrdinalIgnoreCase)
        || provider.Equals(Onnx, StringComparison.OrdinalIgnoreCase)
        || (Members(provider) is { Length: > 0 } members && members.All(PackagedModels.ByName.ContainsKey) && members.Distinct(StringComparer.OrdinalIgnoreCase).Count() == members.Length);

    /// <summary>The packaged models a provider uses (none for <c>onnx</c> and <c>none</c>).</summary>
    public static IEnumerable<ModelProfile> PackagedProfiles(string provider) =>
        Members(provider).Where(PackagedModels.ByName.ContainsKey).Select(m => PackagedModels.ByName[m]);

    /// <summary>The generator configuration asked for; null for <c>none</c>. Owned by the container.</summary>
    public sealed record Choice(IEmbeddingGenerator<string, Embedding<float>>? Generator) : IDisposable
    {
        public void Dispose() => Generator?.Dispose();
    }

    public static Choice Create(EmbeddingOptions options, ILoggerFactory loggers)
    {
        var provider = options.Provider.Trim();
        if (provider.Equals(None, StringComparison.OrdinalIgnoreCase))
        {
            return new Choice(null);
        }
        var logger = loggers.CreateLogger<OnnxSentenceEncoder>();
        if (provider.Equals(Onnx, StringComparison.OrdinalIgnoreCase))
        {
            return new Choice(OnnxSentenceEncoder.Open(options.Onnx.Profile(options.Onnx.ModelPath), options.Threads, options.ModelBatchSize, logger));
        }
        var encoders = new List<OnnxSentenceEncoder>();
        try
        {
            foreach (var profile in PackagedProfiles(provider))
            {
                encoders.Add(OnnxSentenceEncoder.Open(profile, options.Threads, options.ModelBatchSize, logger));
            }
        }
        catch
        {
            encoders.ForEach(e => e.Dispose());
            throw;
        }
        return new Choice(encoders.Count == 1 ? encoders[0] : new EnsembleEmbeddingGenerator(encoders));
    }

    private static string[] Members(string provider) =>
        provider.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
