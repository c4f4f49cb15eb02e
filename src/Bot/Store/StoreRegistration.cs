using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Store;

/// <summary>The store: its options, the database and the store classes every feature reads and writes through.</summary>
public static class StoreRegistration
{
    public static IHostApplicationBuilder AddStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SqliteDatabase>();
        builder.Services.AddSingleton<PaperStore>();
        builder.Services.AddSingleton<SearchStore>();
        builder.Services.AddSingleton<CandidateStore>();
        builder.Services.AddSingleton<EmbeddingStore>();
        builder.Services.AddSingleton<FrontEndState>();
        return builder;
    }
}
