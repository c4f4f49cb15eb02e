using Bot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord;

/// <summary>The Discord feature's registration; the host calls it alongside the other features.</summary>
public static class DiscordRegistration
{
    /// <summary>
    /// The gateway client and its pieces. The connection itself starts only when a token is configured,
    /// so a bot without one keeps just the local console.
    /// </summary>
    public static IHostApplicationBuilder AddDiscordGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ShardId < o.ShardCount, "Bot:Discord:ShardId must be below Bot:Discord:ShardCount")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(Random.Shared);
        builder.Services.AddHttpClient<IGatewayUrlSource, HttpGatewayUrlSource>();
        builder.Services.TryAddSingleton<IGatewayTransport, WebSocketGatewayTransport>();
        builder.Services.TryAddSingleton<GatewayIdentifyLimiter>();
        builder.Services.TryAddSingleton<GatewayEventRouter>();
        builder.Services.TryAddTransient(services => new ReconnectBackoff(services.GetRequiredService<Random>()));
        builder.Services.TryAddSingleton<GatewayClient>();

        var token = builder.Configuration[DiscordOptions.Section + ":Token"];
        if (!string.IsNullOrWhiteSpace(token))
        {
            builder.Services.AddHostedService<DiscordGatewayService>();
        }
        return builder;
    }
}
