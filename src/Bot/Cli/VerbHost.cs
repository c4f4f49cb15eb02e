using System.CommandLine;
using Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Cli;

/// <summary>
/// Runs a one-shot verb inside the host (configuration, options validation, logging) without starting
/// the worker. Configuration and data errors become a one-line message and exit code 2 or 1.
/// </summary>
internal static class VerbHost
{
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, bool, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(CliOptions.Json);
        try
        {
            using var host = BotHost.CreateBuilder(parse.GetValue(CliOptions.Database), worker: false).Build();
            return await verb(host.Services, json, cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            return Fail(json, $"configuration: {string.Join("; ", exception.Failures)}", 2);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or Store.StoreVersionException or IOException or UnauthorizedAccessException)
        {
            return Fail(json, exception.Message, 1);
        }
    }

    public static int Fail(bool json, string message, int exitCode)
    {
        if (json)
        {
            System.Console.Out.WriteLine(CliJsonContext.Serialize(new ErrorOutput(message)));
        }
        System.Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    public static T Get<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
