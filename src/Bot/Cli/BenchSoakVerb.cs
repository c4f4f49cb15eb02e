using System.CommandLine;
using System.Globalization;
using System.Text;
using Bot.Bench;

namespace Bot.Cli;

/// <summary><c>bench soak</c>: two <c>serve</c> instances on one inbox under a stream of files and commands (see <see cref="SoakRun"/>).</summary>
public static partial class BenchVerb
{
    private static Command Soak()
    {
        var files = new Option<int>("--files") { Description = "How many files to drop into the inbox", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the mix of files", DefaultValueFactory = _ => 14 };
        var settle = new Option<double>("--settle") { Description = "The instances' Bot:Inbox:SettleSeconds", DefaultValueFactory = _ => 2 };
        var folder = new Option<string?>("--folder") { Description = "Where the inbox, store and logs go (default: a new temporary folder, kept)" };
        var command = new Command("soak", "Two serve instances on one inbox receiving valid, duplicate, slow, broken and special files while commands arrive; checks every digest is stored once and every bad file fails with its reason (Linux)")
        {
            files, seed, settle, folder,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async json =>
        {
            if (parse.GetValue(files) < 1 || parse.GetValue(settle) is < 0.1 or > 60)
            {
                return VerbHost.Fail(json, "need --files ≥ 1 and --settle 0.1-60", 2);
            }
            var where = Path.GetFullPath(parse.GetValue(folder) ?? Path.Combine(Path.GetTempPath(), $"bot-soak-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}"));
            var result = await new SoakRun(where, parse.GetValue(files), parse.GetValue(seed), parse.GetValue(settle), Progress).RunAsync(ct);
            System.Console.Out.WriteLine(json ? CliJsonContext.Serialize(result) : SoakTable(result));
            return result.Passed ? 0 : 1;
        }));
        return command;
    }

    private static string SoakTable(SoakResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"soak {result.Folder}: {result.Files} files ({string.Join(", ", result.FilesByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} {k.Key}"))}), {result.CommandsSent} commands");
        text.AppendLine(CultureInfo.InvariantCulture, $"dropped in {result.DropSeconds:0.0} s, all handled after {result.DrainSeconds:0.0} s; digests stored {result.DigestsStored} of {result.DigestsExpected} expected");
        foreach (var instance in result.Instances)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{instance.Name}: RSS MB {string.Join(" → ", instance.ResidentMb.Select(m => m.ToString("0.0", CultureInfo.InvariantCulture)))}; {instance.ErrorLogLines} error log lines; {instance.ReplyLines} reply lines; stopped {(instance.ExitedEarly ? "early (exited)" : $"{instance.StopSeconds:0.00} s after SIGTERM")}");
        }
        text.Append(result.Passed ? "PASS: every check held" : "FAIL:\n  " + string.Join("\n  ", result.Problems.Take(30)));
        return text.ToString();
    }
}
