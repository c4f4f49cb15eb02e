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
    ConsoleInterrupts? interrupts = null,
    Embeddings.EmbeddingProgress? embedding = null,
    Inbox.InboxArrivals? arrivals = null) : BackgroundService
{
    public const string Stopping = "Stopping the bot.";

    public const string Cancelled = "Cancelled (Ctrl+C). Press Ctrl+C again with nothing running, or type /quit, to stop the bot.";

    private readonly TextReader _input = input ?? System.Console.In;
    private readonly TextWriter _output = output ?? System.Console.Out;

    // The embedding's notices arrive from the background while the user may be at the prompt: every
    // write takes this lock, and a notice at the prompt is printed above a fresh one.
    private readonly Lock _write = new();
    private bool _atPrompt;
    private bool _greeted;
    private int _quarterShown;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the samples land first so the first search already has papers.
        await seeder.SeedIfEmptyAsync(stoppingToken);
        if (embedding is not null)
        {
            embedding.Changed += OnEmbedding;
        }
        if (arrivals is not null)
        {
            arrivals.Arrived += OnArrival;
        }
        try
        {
            await ServeAsync(stoppingToken);
        }
        finally
        {
            if (embedding is not null)
            {
                embedding.Changed -= OnEmbedding;
            }
            if (arrivals is not null)
            {
                arrivals.Arrived -= OnArrival;
            }
        }
    }

    private async Task ServeAsync(CancellationToken stoppingToken)
    {
        lock (_write)
        {
            _output.WriteLine("Research digest bot: type /help for commands, or ask a question."
                + (logFile is null ? "" : $" The log is in {Shown(logFile.Path)}."));
            if (status?.Report() is { EmbeddingConfigured: true } report && report.EmbeddedPapers < report.Papers)
            {
                // Results change as vectors arrive: one line now, one when they are all there (OnEmbedding).
                _output.WriteLine($"Embedding {Count.Of(report.Papers - report.EmbeddedPapers, "paper")} in the background; search uses their vectors as they come (/status shows how far).");
            }
            _greeted = true;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            lock (_write)
            {
                _output.Write("> ");
                _output.Flush();
                _atPrompt = true;
            }
            var line = await ReadLineAsync(stoppingToken);
            lock (_write)
            {
                _atPrompt = false;
            }
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
                WriteLine(Stopping);
                lifetime.StopApplication();
                return;
            }
            var reply = await RunInterruptiblyAsync(line, parsed, stoppingToken);
            WriteLine(ReplyRenderer.Render(reply, TerminalWidth()));
        }
    }

    /// <summary>
    /// A line when the background embedding is done (and at each quarter of a long run), so the user knows
    /// when search uses every paper's meaning. Before the greeting, nothing: it says how things stand.
    /// </summary>
    private void OnEmbedding(Embeddings.EmbeddingRun run)
    {
        lock (_write)
        {
            // Batches do not end on quarters: a line when a long run has passed one it has not shown yet.
            var quarter = run.Total >= LongEmbeddingRun ? (int)(run.Done * 4 / run.Total) : 0;
            var passedQuarter = quarter > _quarterShown;
            _quarterShown = run.Finished ? 0 : Math.Max(quarter, _quarterShown);
            if (!_greeted || (!run.Finished && !passedQuarter))
            {
                return;
            }
            Notice(run.Finished
                ? $"Embedded {Count.Of(run.Done, "paper")} with {run.ModelId}; search and answers now use every paper's vector."
                : $"Embedding: {run.Done:N0} of {run.Total:N0} papers done.");
        }
    }

    /// <summary>A line for each file the inbox watcher handled: added, already stored, or refused and why.</summary>
    private void OnArrival(Inbox.InboxArrival arrival)
    {
        var report = arrival.Report;
        // A report's errors start with the file's path; the notice names the file once.
        var reason = arrival.Failed ? report.Errors[0] : "";
        var at = reason.IndexOf(arrival.FileName + ": ", StringComparison.Ordinal);
        reason = at >= 0 ? reason[(at + arrival.FileName.Length + 2)..] : reason;
        var notice = arrival.Failed
            ? $"Inbox: {arrival.FileName} was not added: {reason}"
            : report.Digests == 0
                ? $"Inbox: {arrival.FileName} is a digest already stored; nothing changed."
                : $"Inbox: added {arrival.FileName}: {Count.Of(report.PapersNew, "new paper")}, {report.PapersExisting} already known" + (report.Warnings.Count > 0 ? $" ({Count.Of(report.Warnings.Count, "warning")}; the log has them)." : ".");
        lock (_write)
        {
            if (_greeted)
            {
                Notice(notice);
            }
        }
    }

    /// <summary>
    /// A line from the background. At the prompt it goes on a line of its own and the prompt comes back
    /// under it; while a command runs it goes before that command's reply. The caller holds the lock.
    /// </summary>
    private void Notice(string notice)
    {
        _output.Write(_atPrompt ? $"{Environment.NewLine}{notice}{Environment.NewLine}> " : notice + Environment.NewLine);
        _output.Flush();
    }

    /// <summary>A path relative to where the bot was started when it lies below it ("data/bot.log"), else in full.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private void WriteLine(string text)
    {
        lock (_write)
        {
            _output.WriteLine(text);
            _output.Flush();
        }
    }

    /// <summary>Runs at least this long get a line at each quarter, not only at the end.</summary>
    public const int LongEmbeddingRun = 1_000;

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
