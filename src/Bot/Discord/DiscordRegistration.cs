using Bot.Discord.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Bot.Discord;

/// <summary>The Discord feature's registration; the host calls it alongside the other features.</summary>
public static class DiscordRegistration
{
    /// <summary>Everything Discord: the gateway connection, the REST client, and the commands and responders.</summary>
    public static IHostApplicationBuilder AddDiscord(this IHostApplicationBuilder builder) =>
        builder.AddDiscordGateway().AddDiscordInteractions().AddRecommendationInteractions();

    /// <summary>True when a bot token is configured, so <c>serve</c> talks to Discord instead of the console.</summary>
    public static bool HasDiscordToken(this IHostApplicationBuilder builder) => BoundOptions(builder).Enabled;

    /// <summary>
    /// The options as they stand while the host is built: whether to connect at all is decided here,
    /// before the container that would hand out <c>IOptions</c> exists.
    /// </summary>
    private static DiscordOptions BoundOptions(IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new DiscordOptions();

    /// <summary>
    /// The gateway client and its pieces, with the REST client it looks up <c>/gateway/bot</c> through
    /// (and the options, bound there once). The connection itself starts only when a token is
    /// configured, so a bot without one keeps just the local console.
    /// </summary>
    public static IHostApplicationBuilder AddDiscordGateway(this IHostApplicationBuilder builder)
    {
        builder.AddDiscordRest();
        builder.Services.TryAddSingleton<IGatewayUrlSource, Rest.RestGatewayUrlSource>();
        builder.Services.TryAddSingleton<IGatewayTransport, WebSocketGatewayTransport>();
        builder.Services.TryAddSingleton<GatewayIdentifyLimiter>();
        builder.Services.TryAddSingleton<GatewayEventRouter>();
        builder.Services.TryAddTransient(services => new ReconnectBackoff(services.GetRequiredService<Random>()));
        builder.Services.TryAddSingleton<GatewayClient>();

        if (builder.HasDiscordToken())
        {
            builder.Services.AddHostedService<DiscordGatewayService>();
        }
        return builder;
    }

    /// <summary>Slash commands, buttons, autocomplete and mentions, fed by the gateway's events.</summary>
    public static IHostApplicationBuilder AddDiscordInteractions(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<DiscordIdentity>();
        builder.Services.TryAddSingleton<BackgroundWork>();
        builder.Services.AddHostedService(s => s.GetRequiredService<BackgroundWork>());
        builder.Services.TryAddSingleton<Interactions.SearchSessions>();
        builder.Services.TryAddSingleton<Commands.CommandRegistrar>();
        builder.Services.TryAddSingleton<Modules.SearchModule>();
        builder.Services.AddSingleton<Interactions.ISlashCommand>(s => s.GetRequiredService<Modules.SearchModule>());
        builder.Services.AddSingleton<Interactions.ISlashCommand, Modules.AskModule>();
        builder.Services.AddSingleton<Interactions.ISlashCommand, Modules.IngestModule>();
        builder.Services.AddSingleton<Interactions.ISlashCommand, Modules.SubscribeModule>();
        builder.Services.AddSingleton<Interactions.ISlashCommand, Modules.UnsubscribeModule>();
        builder.Services.AddSingleton<Interactions.ISlashCommand, Modules.DigestChannelModule>();
        builder.Services.TryAddSingleton<Recommendations.Daily.IDailyDelivery, Daily.DiscordDailyDelivery>();
        builder.Services.AddSingleton<Interactions.IComponentHandler>(s => s.GetRequiredService<Modules.SearchModule>());
        // Declared commands without a module of their own are served by the router's generic one.
        builder.Services.TryAddSingleton<Interactions.InteractionRouter>();
        builder.Services.TryAddSingleton<Responders.MentionResponder>();
        builder.Services.AddSingleton<IGatewayEventHandler, ReadyHandler>();
        builder.Services.AddSingleton<IGatewayEventHandler, InteractionCreateHandler>();
        builder.Services.AddSingleton<IGatewayEventHandler, MessageCreateHandler>();
        return builder;
    }
}
