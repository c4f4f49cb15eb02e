using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Search;

/// <summary>Search: BM25, the vector index, their fusion, and the evaluation over the dev queries.</summary>
public static class SearchRegistration
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Bm25Searcher>();
        builder.Services.AddSingleton<VectorIndexCache>();
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<SearchEvaluator>();
        return builder;
    }
}
