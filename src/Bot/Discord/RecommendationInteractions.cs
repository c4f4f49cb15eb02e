using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Modules;
using Bot.Discord.Responders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord;

/// <summary>The recommendation commands on Discord: /interests, /library, /recommend and /forget-me (their buttons), the pick buttons, and questions as a weak signal.</summary>
public static class RecommendationInteractions
{
    public static IHostApplicationBuilder AddRecommendationInteractions(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RecommendModule>();
        builder.Services.TryAddSingleton<InterestsModule>();
        builder.Services.TryAddSingleton<LibraryModule>();
        builder.Services.TryAddSingleton<ForgetMeModule>();
        builder.Services.AddSingleton<ISlashCommand>(s => s.GetRequiredService<RecommendModule>());
        builder.Services.AddSingleton<ISlashCommand>(s => s.GetRequiredService<InterestsModule>());
        builder.Services.AddSingleton<ISlashCommand>(s => s.GetRequiredService<LibraryModule>());
        builder.Services.AddSingleton<ISlashCommand>(s => s.GetRequiredService<ForgetMeModule>());
        builder.Services.AddSingleton<IComponentHandler>(s => s.GetRequiredService<RecommendModule>());
        builder.Services.AddSingleton<IComponentHandler>(s => s.GetRequiredService<InterestsModule>());
        builder.Services.AddSingleton<IComponentHandler>(s => s.GetRequiredService<LibraryModule>());
        builder.Services.AddSingleton<IComponentHandler>(s => s.GetRequiredService<ForgetMeModule>());
        builder.Services.AddSingleton<IGatewayEventHandler, AskQuestionSignal>();
        builder.Services.AddSingleton<IGatewayEventHandler, MentionQuestionSignal>();
        return builder;
    }
}
