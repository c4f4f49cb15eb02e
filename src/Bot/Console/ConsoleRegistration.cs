using Bot.Hosting;
using Bot.Recommendations.Daily;
using Bot.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Bot.Console;

/// <summary>The local console: the front end <c>serve</c> runs when no Discord token is configured.</summary>
public static class ConsoleRegistration
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IDailyDelivery>(new ConsoleDailyDelivery());
        builder.Services.AddHostedService<ConsoleFrontEnd>();
        // Ctrl+C cancels the console command that is running before it stops the bot.
        builder.Services.AddSingleton<ConsoleInterrupts>();
        builder.Services.AddSingleton<IHostLifetime, InterruptibleConsoleLifetime>();
        if (!System.Console.IsInputRedirected)
        {
            // Someone is typing: the log goes to a file beside the store, and only errors reach the
            // terminal, so log lines do not print into the line being typed. What a warning says (a
            // file the inbox refused, a model that timed out) reaches the user as a notice or in the reply.
            builder.Services.AddSingleton(services => new FileLoggerProvider(
                Path.Combine(Path.GetDirectoryName(Path.GetFullPath(services.GetRequiredService<IOptions<StoreOptions>>().Value.Path))!, "bot.log"),
                services.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<ILoggerProvider>(services => services.GetRequiredService<FileLoggerProvider>());
            builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Error);
        }
        return builder;
    }
}
