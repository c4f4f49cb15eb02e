namespace Bot.Console;

/// <summary>
/// A console command a feature adds without the console knowing the feature: found by name, listed in
/// <c>/help</c> by its <see cref="Help"/> lines.
/// </summary>
public interface IConsoleCommand
{
    IReadOnlyList<string> Names { get; }

    /// <summary>Lines for <c>/help</c>, aligned like the built-in ones.</summary>
    string Help { get; }

    Task<string> ExecuteAsync(ConsoleCommandLine command, CancellationToken cancellationToken);
}
