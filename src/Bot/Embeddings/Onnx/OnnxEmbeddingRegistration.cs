using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings.Onnx;

/// <summary>Registers the ONNX Runtime model as the bot's embedding generator (<c>Bot:Embeddings:Provider = onnx</c>).</summary>
public static class OnnxEmbeddingRegistration
{
    public static IServiceCollection AddOnnxEmbeddingGenerator(this IServiceCollection services)
    {
        services.AddOptions<OnnxEmbeddingOptions>().BindConfiguration(OnnxEmbeddingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OnnxEmbeddingOptions>, OnnxEmbeddingOptionsValidator>();
        // The container owns the singleton, so disposing the host releases the ORT session.
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(provider => new OnnxEmbeddingGenerator(
            provider.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value,
            provider.GetRequiredService<ILogger<OnnxEmbeddingGenerator>>()));
        return services;
    }
}
