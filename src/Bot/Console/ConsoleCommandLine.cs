using System.Text.RegularExpressions;
using Bot.Commands;
using Bot.Commands.Declarations;

namespace Bot.Console;

/// <summary>
/// A line typed at the console, read against the declared commands the way Discord reads a slash
/// command: <c>/name [subcommand] free words name:value …</c>. Only a line that starts with "/" is a
/// command; anything else is a question, as a mention is on Discord. The free words are the command's
/// primary option (the query, the question, the paper); every other option is written
/// <c>name:value</c>, and an option the command does not have, a CLI-style <c>--name</c> or an empty
/// value is an error naming the options it does have.
/// </summary>
public sealed partial record ConsoleCommandLine(IBotCommand? Command, string? Subcommand, IReadOnlyDictionary<string, string> Values, string? Question = null, string? Error = null, bool Quit = false)
{
    public bool IsEmpty => Command is null && Question is null && Error is null && !Quit;

    public static ConsoleCommandLine Parse(string line, CommandSet commands)
    {
        var trimmed = line.Trim();
        var empty = new Dictionary<string, string>();
        if (trimmed.Length == 0)
        {
            return new ConsoleCommandLine(null, null, empty);
        }
        if (!trimmed.StartsWith('/'))
        {
            // "exit" typed out of habit is not a question about papers.
            return trimmed.ToLowerInvariant() is "exit" or "quit" or "help"
                ? Failed($"Commands start with a slash: /{trimmed.ToLowerInvariant()}. Anything else you type is asked as a question.")
                : new ConsoleCommandLine(null, null, empty, Question: trimmed);
        }
        var words = trimmed[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = words.Length == 0 ? "help" : words[0].ToLowerInvariant();
        if (name is "quit" or "exit")
        {
            return new ConsoleCommandLine(null, null, empty, Quit: true);
        }
        if (commands.Find(name, Surfaces.Console) is not { } command)
        {
            var close = commands.Suggest(name, Surfaces.Console);
            return Failed($"Unknown command /{Echo.Of(name, 40)}." + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => "/" + c))}?" : "") + " Type /help for the list.");
        }
        var declaration = command.Declaration;
        var rest = words.Skip(1).ToList();
        string? subcommand = null;
        if (declaration.SubcommandList.Count > 0)
        {
            var chosen = rest.Count > 0 ? declaration.Subcommand(rest[0]) : null;
            if (chosen is null)
            {
                return Failed($"/{declaration.Name} is followed by one of: {string.Join(", ", declaration.SubcommandList.Select(s => s.Name))}: "
                    + string.Join("; ", declaration.SubcommandList.Select(s => CommandHelp.Usage(s, Surfaces.Console, $"{declaration.Name} {s.Name}"))) + ".", command);
            }
            subcommand = chosen.Name;
            declaration = chosen;
            rest.RemoveAt(0);
        }
        return ReadOptions(command, subcommand, declaration, rest);
    }

    private static ConsoleCommandLine ReadOptions(IBotCommand command, string? subcommand, CommandDeclaration declaration, List<string> words)
    {
        var named = declaration.OptionList.Where(o => !o.Primary && o.Surfaces.HasFlag(Surfaces.Console)).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var free = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (CliOption().Match(word) is { Success: true } cli && named.Count > 0)
            {
                var example = named.FirstOrDefault(o => o.Name.Equals(cli.Groups["name"].Value, StringComparison.OrdinalIgnoreCase)) ?? named[0];
                return Failed($"Options are written name:value, like {example.Name}:{OptionValues.Example(example)}, not --{cli.Groups["name"].Value}. {Known(declaration, named)}", command);
            }
            if (OptionWord().Match(word) is { Success: true } match && named.Count > 0)
            {
                var optionName = match.Groups["name"].Value;
                if (named.FirstOrDefault(o => o.Name.Equals(optionName, StringComparison.OrdinalIgnoreCase)) is not { } option)
                {
                    return Failed($"/{CommandName(command, subcommand)} has no option \"{Echo.Of(optionName, 40)}\". {Known(declaration, named)}", command);
                }
                if (!OptionValues.TryRead(option, match.Groups["value"].Value, out var value, out var error))
                {
                    return Failed(error!, command);
                }
                values[option.Name] = value;
                continue;
            }
            free.Add(word);
        }
        if (free.Count > 0)
        {
            if (declaration.Primary is not { } primary)
            {
                return Failed($"/{CommandName(command, subcommand)} takes no words of its own. {CommandHelp.Usage(declaration, Surfaces.Console, CommandName(command, subcommand))}", command);
            }
            if (!OptionValues.TryRead(primary, string.Join(' ', free), out var value, out var error))
            {
                return Failed(error!, command);
            }
            values[primary.Name] = value;
        }
        foreach (var option in declaration.OptionList.Where(o => o.Required && o.Surfaces.HasFlag(Surfaces.Console) && !values.ContainsKey(o.Name)))
        {
            return Failed(option.Primary
                ? $"/{CommandName(command, subcommand)} needs {option.Description.ToLowerInvariant().TrimEnd('.')}. {CommandHelp.Usage(declaration, Surfaces.Console, CommandName(command, subcommand))}"
                : $"/{CommandName(command, subcommand)} needs {option.Name}:{OptionValues.Example(option)}.", command);
        }
        return new ConsoleCommandLine(command, subcommand, values);
    }

    private static string CommandName(IBotCommand command, string? subcommand) => subcommand is null ? command.Declaration.Name : $"{command.Declaration.Name} {subcommand}";

    private static string Known(CommandDeclaration declaration, IReadOnlyList<CommandOption> named) =>
        $"Its options: {string.Join(", ", named.Select(o => $"{o.Name}:{OptionValues.Example(o)}"))}.";

    private static ConsoleCommandLine Failed(string error, IBotCommand? command = null) => new(command, null, new Dictionary<string, string>(), Error: error);

    // limit:3, since:2024-05-01 — a lower-case name, a colon, a value that is not a URL's "//".
    [GeneratedRegex(@"^(?<name>[a-z][a-z-]{0,30}):(?<value>(?!//).*)$")]
    private static partial Regex OptionWord();

    [GeneratedRegex(@"^--(?<name>[a-z][a-z-]{0,30})(=.*)?$")]
    private static partial Regex CliOption();
}
