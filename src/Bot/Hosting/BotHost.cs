using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Builds the Generic Host every verb runs in: configuration from appsettings.json, environment
/// variables (<c>Bot__Store__Path</c>) and the command line's <c>--db</c>; logs on standard error so
/// standard output carries only what the verb prints.
/// </summary>
public static class BotHost
{
    /// <summary>How long a stop waits for the services to finish.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    /// <param name="settings">Settings that win over the files and the environment (tests, embedding hosts).</param>
    public static HostApplicationBuilder CreateBuilder(string? databasePath, bool worker, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            // Secrets (the Discord token, an LLM key) from `dotnet user-secrets` or the environment, never a committed file.
            .AddUserSecrets(typeof(BotHost).Assembly, optional: true)
            .AddEnvironmentVariables();
        if (databasePath is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Bot:Store:Path", databasePath)]);
        }
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // SIGTERM must stop serve within 5 s (issue 14): every service honours its token, and this bounds
        // whatever does not. A digest being written when the time runs out is one transaction, rolled back.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!worker)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        // The clock and the randomness every feature shares, registered here only, so a test replaces each in one place.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Random.Shared);
        builder.AddFeatures(worker);
        return builder;
    }
}
