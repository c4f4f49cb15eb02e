using System.CommandLine;
using Bot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Cli;

/// <summary><c>serve</c>: the hosted worker (inbox watcher and local console) until stopped.</summary>
public static class ServeVerb
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the bot: watch the inbox and serve commands (local console until Discord is configured)");
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var host = BotHost.CreateBuilder(parse.GetValue(CliOptions.Database), worker: true).Build();
                await host.RunAsync(ct);
                return 0;
            }
            catch (Embeddings.EmbeddingModelException exception)
            {
                return VerbHost.Fail(false, $"embedding model: {exception.Message}", 2);
            }
            catch (OptionsValidationException exception)
            {
                return VerbHost.Fail(false, $"configuration: {string.Join("; ", exception.Failures)}", 2);
            }
        });
        return command;
    }
}
