using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Inbox;

/// <summary>The watched inbox folder, and the sample digests seeded into an empty store.</summary>
public static class InboxRegistration
{
    public static IHostApplicationBuilder AddInbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SampleSeeder>();
        builder.Services.AddSingleton<InboxArrivals>();
        builder.Services.AddHostedService<InboxWatcher>();
        return builder;
    }
}
