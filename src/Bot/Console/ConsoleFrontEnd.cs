using Bot.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Console;

/// <summary>
/// The local console of <c>serve</c>: reads commands a line at a time and prints the replies, the same
/// commands and replies users get in Discord. When standard input ends (a service, a container without
/// a terminal) the console stops and the rest of the worker keeps running.
/// </summary>
public sealed partial class ConsoleFrontEnd(
    BotCommands commands,
    Inbox.SampleSeeder seeder,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleFrontEnd> logger,
    TextReader? input = null,
    TextWriter? output = null,
    RecommendationConsole? recommendations = null,
    IEnumerable<IConsoleCommand>? features = null) : BackgroundService
{
    public const string Help = """
        Commands:
          /search <words> [limit:N] [since:YYYY-MM-DD]   find papers
          /ask <question>                                an answer from the papers with numbered sources ("what about the second one?" follows up)
          /paper <id or title>                           one paper with its abstract, links and digests
          /summarize paper <id or title>                 a summary (the language model's, or the abstract's key sentences)
          /summarize digest [digest id]                  a digest's themes (newest digest by default)
          /status                                        what the store holds
        """ + "\n" + RecommendationConsole.Help + "\n" + """
          /help                                          this list
          /quit                                          stop the bot
        """;

    private readonly TextReader _input = input ?? System.Console.In;
    private readonly TextWriter _output = output ?? System.Console.Out;
    private readonly IReadOnlyList<IConsoleCommand> _features = [.. features ?? []];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the samples land first so the first search already has papers.
        await seeder.SeedIfEmptyAsync(stoppingToken);
        await _output.WriteLineAsync("Research digest bot: type /help for commands.");
        while (!stoppingToken.IsCancellationRequested)
        {
            await _output.WriteAsync("> ");
            await _output.FlushAsync(stoppingToken);
            var line = await _input.ReadLineAsync(stoppingToken);
            if (line is null)
            {
                LogInputClosed();
                return;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var command = ConsoleCommandLine.Parse(line);
            if (command.Name is "quit" or "exit")
            {
                lifetime.StopApplication();
                return;
            }
            await _output.WriteLineAsync(await ExecuteAsync(command, stoppingToken));
        }
    }

    internal async Task<string> ExecuteAsync(ConsoleCommandLine command, CancellationToken cancellationToken)
    {
        switch (command.Name)
        {
            case "search":
                if (!command.TryGetInt("limit", 5, out var limit, out var limitError) || !command.TryGetDate("since", out var since, out limitError)
                    || !command.TryGetDate("until", out var until, out limitError))
                {
                    return ReplyRenderer.Render(CommandReply.Error(limitError!));
                }
                var filters = new Search.SearchFilters(since, until, command.Options.GetValueOrDefault("digest"));
                return ReplyRenderer.Render(await commands.SearchAsync(command.Text, limit, filters, cancellationToken));
            case "ask":
                recommendations?.RecordQuestion(command.Text);
                return ReplyRenderer.Render(await commands.AskAsync(command.Text, cancellationToken));
            case "paper":
                return ReplyRenderer.Render(commands.Paper(command.Text));
            case "summarize" when command.Text.StartsWith("paper", StringComparison.OrdinalIgnoreCase):
                return ReplyRenderer.Render(await commands.SummarizePaperAsync(command.Text[5..].Trim(), Answers.Asker.Console, cancellationToken));
            case "summarize" when command.Text.StartsWith("digest", StringComparison.OrdinalIgnoreCase):
                return ReplyRenderer.Render(await commands.SummarizeDigestAsync(command.Text[6..].Trim(), Answers.Asker.Console, cancellationToken));
            case "summarize":
                return ReplyRenderer.Render(CommandReply.Error("Use /summarize paper <id or title>, or /summarize digest [digest id]."));
            case "status":
                return ReplyRenderer.Render(commands.Status());
            case "help" or "":
                return Help + string.Concat(_features.Select(f => "\n" + f.Help));
            case var name when _features.FirstOrDefault(f => f.Names.Contains(name)) is { } feature:
                return await feature.ExecuteAsync(command, cancellationToken);
            default:
                return (recommendations is null ? null : await recommendations.TryExecuteAsync(command, cancellationToken))
                    // A line typed without a slash that names no command is a question, as a mention is on Discord.
                    ?? (command.Question is { } question
                        ? await ExecuteAsync(command with { Name = "ask", Text = question, Question = null }, cancellationToken)
                        : ReplyRenderer.Render(CommandReply.Error($"Unknown command /{Echo.Of(command.Name)}. Type /help for the list.")));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console input closed; the worker keeps running (Ctrl+C stops it)")]
    private partial void LogInputClosed();
}
