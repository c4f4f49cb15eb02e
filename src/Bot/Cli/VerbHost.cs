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
        catch (Embeddings.EmbeddingModelException exception)
        {
            return VerbHost.Fail(json, $"embedding model: {exception.Message}", 2);
        }
        catch (OptionsValidationException exception)
        {
            return Fail(json, $"configuration: {string.Join("; ", exception.Failures)}", 2);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or Store.StoreVersionException or IOException or UnauthorizedAccessException)
        {
            return Fail(json, exception.Message, 1);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Anything else is a bug, but still one line and an exit code, not a stack trace.
            return Fail(json, $"internal error ({exception.GetType().Name}): {exception.Message}", 1);
        }
    }

    /// <summary>
    /// Like <see cref="RunAsync"/> for a verb that only reads: a store that does not exist is an error,
    /// so a mistyped <c>--db</c> neither creates an empty store nor reports "nothing found" from one.
    /// </summary>
    public static Task<int> ReadAsync(ParseResult parse, Func<IServiceProvider, bool, CancellationToken, Task<int>> verb, CancellationToken cancellationToken) =>
        RunAsync(parse, (services, json, token) =>
        {
            // A configuration error is the first thing to report, store or no store.
            services.GetService<IStartupValidator>()?.Validate();
            var path = services.Get<Store.SqliteDatabase>().FilePath;
            return File.Exists(path)
                ? verb(services, json, token)
                : Task.FromResult(Fail(json, $"no store at {path}: ingest a digest first (bot ingest FILE), or check --db", 1));
        }, cancellationToken);

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
