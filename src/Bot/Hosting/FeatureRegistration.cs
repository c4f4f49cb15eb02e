using Bot.Commands;
using Bot.Digests;
using Bot.Embeddings;
using Bot.Embeddings.Onnx;
using Bot.Inbox;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Hosting;

/// <summary>One registration per feature, so Program reads as a list of what the bot does.</summary>
public static class FeatureRegistration
{
    public static IHostApplicationBuilder AddPaperStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SqliteDatabase>();
        builder.Services.AddSingleton<PaperStore>();
        builder.Services.AddSingleton<EmbeddingStore>();
        return builder;
    }

    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DigestIngestor>();
        return builder;
    }

    /// <summary>
    /// The embedding seam: with <c>Provider = none</c> no generator is registered and search stays BM25.
    /// The local models register their <c>IEmbeddingGenerator</c> here.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.Section)
            .Validate(o => o.Provider.Equals("none", StringComparison.OrdinalIgnoreCase)
                    || o.Provider.Equals(OnnxEmbeddingOptions.ProviderName, StringComparison.OrdinalIgnoreCase),
                "Bot:Embeddings:Provider: this build knows 'none' and 'onnx'")
            .ValidateOnStart();
        if (OnnxEmbeddingOptions.ProviderName.Equals(builder.Configuration[EmbeddingOptions.Section + ":Provider"], StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddOnnxEmbeddingGenerator();
        }
        builder.Services.AddSingleton(services => new ActiveEmbeddingModel(
            services.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()));
        builder.Services.AddSingleton<PaperEmbedder>();
        return builder;
    }

    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Bm25Searcher>();
        builder.Services.AddSingleton<VectorIndexCache>();
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<SearchEvaluator>();
        return builder;
    }

    /// <summary>The commands users type, shared by every front end (console now, Discord later).</summary>
    public static IHostApplicationBuilder AddBotCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BotCommands>();
        builder.Services.AddSingleton<StatusReporter>();
        return builder;
    }

    /// <summary>The long-running parts of <c>serve</c>: the inbox watcher and the local console.</summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SampleSeeder>();
        builder.Services.AddHostedService<InboxWatcher>();
        builder.Services.AddHostedService<Console.ConsoleFrontEnd>();
        return builder;
    }
}
