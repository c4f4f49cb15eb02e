using Bot.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Recommendations.Daily;

/// <summary>Daily posts: subscriptions, the community digest channels and the ledger of what was posted; for <c>serve</c>, the scheduler.</summary>
public static class DailyRegistration
{
    public static IHostApplicationBuilder AddDailyPosts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DailyOptions>().BindConfiguration(DailyOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneIds.Find(o.DefaultTimeZone) is not null,
                "Bot:Recommendations:Daily:DefaultTimeZone is not a time zone this machine knows (use an IANA name such as Europe/Berlin)")
            .ValidateOnStart();
        builder.Services.AddSingleton<SubscriptionStore>();
        builder.Services.AddSingleton<DailyPostLedger>();
        builder.Services.AddSingleton<DailyInstance>();
        builder.Services.AddSingleton<DailyPostComposer>();
        builder.Services.AddSingleton<DailyCommands>();
        builder.Services.AddSingleton<IForgetUser, DailyForgetUser>();
        return builder;
    }

    /// <summary>Posts each subscriber's and channel's picks at their local time; the front end delivers them.</summary>
    public static IHostApplicationBuilder AddDailyScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DailyScheduler>();
        return builder;
    }
}
