using Bot.Answers;
using Bot.Commands;
using Bot.Digests;
using Bot.Discord;
using Bot.Embeddings;
using Bot.Inbox;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
        builder.Services.AddSingleton<FrontEndState>();
        return builder;
    }

    public static IHostApplicationBuilder AddDigests(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DigestIngestor>();
        return builder;
    }

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
            services.GetRequiredService<IOptions<EmbeddingOptions>>().Value, services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.AddSingleton(services => new ActiveEmbeddingModel(
            services.GetRequiredService<PaperVectorizer>(),
            services.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()
                ?? services.GetRequiredService<EmbeddingProviders.Choice>().Generator));
        builder.Services.AddSingleton<PaperEmbedder>();
        builder.Services.AddSingleton<EmbeddingBackfillSignal>();
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

    /// <summary>Recommendations: what users follow and did with papers, and the ranker that picks papers for them.</summary>
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Recommendations.RecommendationOptions>().BindConfiguration(Recommendations.RecommendationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(Random.Shared);
        builder.Services.AddSingleton<Recommendations.UserSignalStore>();
        builder.Services.AddSingleton<Recommendations.CandidatePoolCache>();
        builder.Services.AddSingleton<Recommendations.Recommender>();
        builder.Services.AddSingleton<Recommendations.RecommendationEvaluator>();
        builder.Services.AddSingleton<RecommendationCommands>();
        return builder;
    }

    /// <summary>Daily posts: subscriptions, the community digest channels and the ledger of what was posted.</summary>
    public static IHostApplicationBuilder AddDailyPosts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Recommendations.Daily.DailyOptions>().BindConfiguration(Recommendations.Daily.DailyOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneIds.Find(o.DefaultTimeZone) is not null,
                "Bot:Recommendations:Daily:DefaultTimeZone is not a time zone this machine knows (use an IANA name such as Europe/Berlin)")
            .ValidateOnStart();
        builder.Services.AddSingleton<Recommendations.Daily.SubscriptionStore>();
        builder.Services.AddSingleton<Recommendations.Daily.DailyPostLedger>();
        builder.Services.AddSingleton<Recommendations.Daily.DailyInstance>();
        builder.Services.AddSingleton<Recommendations.Daily.DailyPostComposer>();
        builder.Services.AddSingleton<DailyCommands>();
        builder.Services.AddSingleton<Recommendations.IForgetUser, Recommendations.Daily.DailyForgetUser>();
        return builder;
    }

    /// <summary>The commands users type, shared by every front end (console now, Discord later).</summary>
    public static IHostApplicationBuilder AddBotCommands(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BotCommands>();
        builder.Services.AddSingleton<StatusReporter>();
        builder.Services.AddSingleton<ShownLists>();
        // Every declared command, once: the console and Discord are both built from this set.
        foreach (var type in typeof(Commands.Declarations.IBotCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(Commands.Declarations.IBotCommand))))
        {
            builder.Services.AddSingleton(typeof(Commands.Declarations.IBotCommand), type);
        }
        builder.Services.AddSingleton<Commands.Declarations.CommandSet>();
        return builder;
    }

    /// <summary>
    /// The long-running parts of <c>serve</c>: the inbox watcher, the embedding backfill, and the chat
    /// front end: Discord when a bot token is configured, the local console otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SampleSeeder>();
        builder.Services.AddHostedService<EmbeddingBackfillService>();
        builder.Services.AddHostedService<InboxWatcher>();
        if (builder.HasDiscordToken())
        {
            builder.AddDiscord();
        }
        else
        {
            builder.Services.TryAddSingleton<Recommendations.Daily.IDailyDelivery>(new Console.ConsoleDailyDelivery());
            builder.Services.AddHostedService<Console.ConsoleFrontEnd>();
            // Ctrl+C cancels the console command that is running before it stops the bot.
            builder.Services.AddSingleton<Console.ConsoleInterrupts>();
            builder.Services.AddSingleton<IHostLifetime, Console.InterruptibleConsoleLifetime>();
            if (!System.Console.IsInputRedirected)
            {
                // Someone is typing: the log goes to a file beside the store, and only warnings reach the
                // terminal, so log lines do not print into the line being typed.
                var store = builder.Configuration[StoreOptions.Section + ":Path"] is { Length: > 0 } configured ? configured : new StoreOptions().Path;
                var file = new FileLoggerProvider(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store))!, "bot.log"), TimeProvider.System);
                builder.Logging.AddProvider(file);
                builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
                builder.Services.AddSingleton(file);
            }
        }
        builder.Services.AddHostedService<Recommendations.Daily.DailyScheduler>();
        return builder;
    }
}
