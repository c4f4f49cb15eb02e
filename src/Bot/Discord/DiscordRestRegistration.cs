using Bot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord;

/// <summary>
/// Registers the Discord REST client: the <c>Bot:Discord</c> options (bound here only), the process-wide
/// rate limiter, and a typed HttpClient. Calling it again (the gateway's registration calls it too)
/// changes nothing.
/// </summary>
public static class DiscordRestRegistration
{
    public static IHostApplicationBuilder AddDiscordRest(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(DiscordRestClient)))
        {
            return builder;
        }
        builder.Services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ShardId < o.ShardCount, "Bot:Discord:ShardId must be below Bot:Discord:ShardCount")
            .ValidateOnStart();
        // Rate-limit state must outlive the short-lived typed clients, so it is a singleton.
        builder.Services.TryAddSingleton<DiscordRateLimiter>();
        builder.Services.TryAddSingleton(services => new DiscordRetryPolicy(services.GetRequiredService<Random>()));
        builder.Services.AddHttpClient<DiscordRestClient>()
            // The factory's default logging writes request URIs, and interaction-webhook paths hold
            // the interaction token; the client logs route templates itself instead.
            .RemoveAllLoggers();
        return builder;
    }
}
