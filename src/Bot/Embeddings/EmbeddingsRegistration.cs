using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>Embeddings: the active model and the vectors of papers, and for <c>serve</c> the backfill of missing ones.</summary>
public static class EmbeddingsRegistration
{
    /// <summary>
    /// The embedding model chosen by <c>Bot:Embeddings:Provider</c>: a sentence-transformers model the
    /// build took out of its NuGet package (all-MiniLM-L6-v2 by default), an ONNX export of your own, or
    /// none, which keeps search lexical (BM25). A generator registered before this (a test's) wins.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>();
        builder.Services.AddSingleton<PaperVectorizer>();
        builder.Services.AddSingleton(services => EmbeddingProviders.Create(
            services.GetRequiredService<IOptions<EmbeddingOptions>>().Value, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(services => new ActiveEmbeddingModel(
            services.GetRequiredService<PaperVectorizer>(),
            services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
                ?? services.GetRequiredService<EmbeddingProviders.Choice>().Generator));
        builder.Services.AddSingleton<EmbeddingProgress>();
        builder.Services.AddSingleton<PaperEmbedder>();
        builder.Services.AddSingleton<EmbeddingBackfillSignal>();
        return builder;
    }

    /// <summary>Embeds papers that have no vector yet from the active model, in the background.</summary>
    public static IHostApplicationBuilder AddEmbeddingBackfill(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<EmbeddingBackfillService>();
        return builder;
    }
}
