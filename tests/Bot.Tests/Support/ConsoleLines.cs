using System.Text.RegularExpressions;
using Bot.Commands.Declarations;
using Bot.Console;

namespace Bot.Tests.Support;

/// <summary>Lines typed at the console, run as the console runs them, and the papers a rendered list shows.</summary>
internal static partial class ConsoleLines
{
    /// <summary>The rendered reply to one line, as <see cref="ConsoleFrontEnd"/> prints it (line ends as "\n").</summary>
    public static async Task<string> RunAsync(TestStore store, string line)
    {
        var commands = store.Get<CommandSet>();
        return ReplyRenderer.Render(await ConsoleFrontEnd.RunAsync(commands, ConsoleCommandLine.Parse(line, commands), CancellationToken.None)).ReplaceLineEndings("\n");
    }

    /// <summary>The title on line "N. Title (first seen date) [id]" (or "(first seen: date unknown, received date)") of a rendered list.</summary>
    public static string Listed(string reply, int number) =>
        Regex.Match(reply.ReplaceLineEndings("\n"), $@"(?m)^ ?{number}\. (.+) \(first seen(?:: date unknown, received)? \d{{4}}-\d{{2}}-\d{{2}}\) \[[0-9a-f]+\]$").Groups[1].Value is { Length: > 0 } title
            ? title
            : throw new Xunit.Sdk.XunitException($"no item {number} in:\n{reply}");
}
