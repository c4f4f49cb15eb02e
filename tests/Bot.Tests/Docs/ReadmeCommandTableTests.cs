using System.CommandLine;
using System.Text.RegularExpressions;
using Bot.Commands.Declarations;
using Bot.Tests.Support;

namespace Bot.Tests.Docs;

/// <summary>
/// The README's one command table, checked against the declared commands: a command added to the code
/// and not to the README (or an option changed) fails here, with the cells the table should hold.
/// </summary>
public sealed class ReadmeCommandTableTests
{
    private const string Header = "| command | what it does | Discord | console | CLI |";
    private const string Absent = "—";

    [Fact]
    public void Readme_CommandTable_MatchesTheDeclaredCommands()
    {
        using var store = TestStore.Create();
        var declared = store.Get<CommandSet>().All.Select(c => c.Declaration).ToList();
        var rows = CommandTable();
        var problems = new List<string>();

        foreach (var declaration in declared)
        {
            var listed = rows.Where(r => r.Name == declaration.Name).ToList();
            if (listed.Count != 1)
            {
                problems.Add($"/{declaration.Name} is listed {listed.Count} times; expected once, e.g. "
                    + $"| `{declaration.Name}` | {declaration.Description} | {Escaped(Expected(declaration, Surfaces.Discord))} | {Escaped(Expected(declaration, Surfaces.Console))} | {Absent} |");
                continue;
            }
            foreach (var (surface, cell) in new[] { (Surfaces.Discord, listed[0].Discord), (Surfaces.Console, listed[0].Console) })
            {
                var expected = Expected(declaration, surface);
                if (cell != expected)
                {
                    problems.Add($"/{declaration.Name}, {surface} column: \"{cell}\", expected \"{expected}\"");
                }
            }
        }
        problems.AddRange(rows.Where(r => declared.All(d => d.Name != r.Name)).Select(r => $"\"{r.Name}\" is listed but no command of that name is declared"));

        // Every problem in full, with the cells the table should hold, rather than a truncated collection.
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Readme_CommandTable_CliColumnNamesRealVerbs()
    {
        var verbs = typeof(Program).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Bot.Cli" && t.Name.EndsWith("Verb", StringComparison.Ordinal))
            .Select(t => t.GetMethod("Create", Type.EmptyTypes)?.Invoke(null, null))
            .OfType<Command>()
            .Select(c => c.Name)
            .ToHashSet(StringComparer.Ordinal);

        var wrong = CommandTable()
            .Where(r => r.Cli != Absent && !verbs.Contains(r.Cli.Trim('`').Split(' ')[0]))
            .Select(r => $"/{r.Name}: CLI \"{r.Cli}\" names no verb of the bot ({string.Join(", ", verbs.Order())})")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>A surface's cell: the usage line of the command (one per subcommand) as <c>/help</c> writes it, or "—" where it does not exist.</summary>
    private static string Expected(CommandDeclaration declaration, Surfaces surface) =>
        !declaration.Surfaces.HasFlag(surface) ? Absent
        : declaration.SubcommandList.Count == 0 ? $"`{CommandHelp.Usage(declaration, surface)}`"
        : string.Join("<br>", declaration.SubcommandList.Select(s => $"`{CommandHelp.Usage(s, surface, $"{declaration.Name} {s.Name}")}`"));

    private static string Escaped(string cell) => cell.Replace("|", @"\|", StringComparison.Ordinal);

    private static List<Row> CommandTable()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = Array.IndexOf(lines, Header);
        Assert.True(start >= 0, $"README.md has no command table headed \"{Header}\"");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Row.Parse)];
    }

    private sealed record Row(string Name, string Discord, string Console, string Cli)
    {
        /// <summary>Cells split at pipes that are not escaped; <c>\|</c> inside a cell is a literal pipe.</summary>
        public static Row Parse(string line)
        {
            var cells = Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|")
                .Select(c => c.Trim().Replace(@"\|", "|", StringComparison.Ordinal))
                .ToList();
            Assert.True(cells.Count == 5, $"README command table row has {cells.Count} cells, not 5: {line}");
            return new Row(cells[0].Trim('`').TrimStart('/'), cells[2], cells[3], cells[4]);
        }
    }
}
