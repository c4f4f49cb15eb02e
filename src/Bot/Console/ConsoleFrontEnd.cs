using Bot.Answers;
using Bot.Commands;
using Bot.Commands.Declarations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Console;

/// <summary>
/// The local console of <c>serve</c>: reads a line at a time and prints the replies, the same commands
/// and replies users get in Discord, read against the same declarations (<see cref="ConsoleCommandLine"/>).
/// A line without a slash is a question. Lines run one after another (a follow-up or "/paper 2" needs
/// the reply before it); Ctrl+C cancels the one running (<see cref="InterruptibleConsoleLifetime"/>),
/// and with none running stops the bot, as /quit does. When standard input ends (a service, a
/// container without a terminal) the console stops and the rest of the worker keeps running.
/// </summary>
public sealed partial class ConsoleFrontEnd(
    CommandSet commands,
    Inbox.SampleSeeder seeder,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleFrontEnd> logger,
    TextReader? input = null,
    TextWriter? output = null,
    Hosting.FileLoggerProvider? logFile = null,
    StatusReporter? status = null,
    ConsoleInterrupts? interrupts = null) : BackgroundService
{
    public const string Stopping = "Stopping the bot.";

    public const string Cancelled = "Cancelled (Ctrl+C). Press Ctrl+C again with nothing running, or type /quit, to stop the bot.";

    private readonly TextReader _input = input ?? System.Console.In;
    private readonly TextWriter _output = output ?? System.Console.Out;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the samples land first so the first search already has papers.
        await seeder.SeedIfEmptyAsync(stoppingToken);
        await _output.WriteLineAsync("Research digest bot: type /help for commands, or ask a question."
            + (logFile is null ? "" : $" The log is in {Path.GetRelativePath(Directory.GetCurrentDirectory(), logFile.Path)}."));
        if (status?.Report() is { EmbeddingConfigured: true } report && report.EmbeddedPapers < report.Papers)
        {
            // The log says how the embedding goes; here one line, since results change as vectors arrive.
            await _output.WriteLineAsync($"Embedding {report.Papers - report.EmbeddedPapers:N0} papers in the background; search uses their vectors as they come (/status shows how far).");
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            await _output.WriteAsync("> ");
            await _output.FlushAsync(stoppingToken);
            var line = await ReadLineAsync(stoppingToken);
            if (line is null)
            {
                LogInputClosed();
                return;
            }
            var parsed = ConsoleCommandLine.Parse(line, commands);
            if (parsed.IsEmpty)
            {
                continue;
            }
            if (parsed.Quit)
            {
                await _output.WriteLineAsync(Stopping);
                lifetime.StopApplication();
                return;
            }
            await _output.WriteLineAsync(ReplyRenderer.Render(await RunInterruptiblyAsync(line, parsed, stoppingToken), TerminalWidth()));
        }
    }

    /// <summary>Runs one line's command so that Ctrl+C cancels it (and only it).</summary>
    private async Task<CommandReply> RunInterruptiblyAsync(string line, ConsoleCommandLine parsed, CancellationToken stoppingToken)
    {
        using var command = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var running = interrupts?.Running(command);
        try
        {
            return await RunAsync(commands, parsed, command.Token);
        }
        catch (OperationCanceledException) when (command.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return CommandReply.Error(Cancelled);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One command's failure is that command's error line, never the end of the worker.
            LogCommandFailed(exception, line.Length > 80 ? line[..80] : line);
            return CommandReply.Error(CommandFailed);
        }
    }

    public const string CommandFailed = "Something went wrong on my side with that command; the error is in the log. Other commands still work.";

    /// <summary>
    /// The next line, or a stop. <see cref="System.Console.In"/> reads synchronously whatever token it is
    /// given, so a stop (SIGTERM) would wait for the next line typed, and the host for its shutdown
    /// timeout: the read runs on a task of its own, and a stop stops waiting for it.
    /// </summary>
    private Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Run(_input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);

    /// <summary>What one parsed line gets: its error, the answer to a question, or its command's reply.</summary>
    public static async Task<CommandReply> RunAsync(CommandSet commands, ConsoleCommandLine parsed, CancellationToken cancellationToken)
    {
        if (parsed.Error is { } error)
        {
            return CommandReply.Error(error);
        }
        if (parsed.Question is { } question)
        {
            // Typed without a slash: a question, as a mention is on Discord.
            parsed = ConsoleCommandLine.Parse("/ask " + question, commands);
            if (parsed.Error is { } askError)
            {
                return CommandReply.Error(askError);
            }
        }
        return await parsed.Command!.RunAsync(new CommandRequest(Asker.Console, parsed.Subcommand, parsed.Values), cancellationToken);
    }

    /// <summary>The terminal's width when this writes to one; null for a pipe or a file, which get one line per text.</summary>
    private int? TerminalWidth()
    {
        if (!ReferenceEquals(_output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            return null;
        }
        try
        {
            return System.Console.WindowWidth > 0 ? System.Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Console command {Line} failed")]
    private partial void LogCommandFailed(Exception exception, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console input closed; the worker keeps running (Ctrl+C stops it)")]
    private partial void LogInputClosed();
}
