using Bot.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Recommendations;

/// <summary>Recommendations: what users follow and did with papers, and the ranker that picks papers for them.</summary>
public static class RecommendationsRegistration
{
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommendationOptions>().BindConfiguration(RecommendationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UserSignalStore>();
        builder.Services.AddSingleton<CandidatePoolCache>();
        builder.Services.AddSingleton<Recommender>();
        builder.Services.AddSingleton<RecommendationEvaluator>();
        builder.Services.AddSingleton<RecommendationCommands>();
        return builder;
    }
}
