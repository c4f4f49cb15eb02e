using System.CommandLine;
using Bot.Digests;

namespace Bot.Cli;

/// <summary><c>ingest PATH...</c>: files or folders of digests into the store.</summary>
public static class IngestVerb
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Digest files, or folders of them", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Parse digests and store their papers (same file twice changes nothing)") { paths };
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, async (services, json, token) =>
        {
            var report = await services.Get<DigestIngestor>().IngestPathsAsync(parse.GetValue(paths)!, token);
            if (json)
            {
                System.Console.Out.WriteLine(CliJsonContext.Serialize(new IngestOutput(
                    report.Digests, report.DigestsExisting, report.PapersNew, report.PapersExisting, report.Warnings, report.Errors)));
            }
            else
            {
                System.Console.Out.WriteLine($"{Count(report.Digests, "digest")} stored ({report.DigestsExisting} already there), {Count(report.PapersNew, "new paper")}, {report.PapersExisting} already known");
                foreach (var warning in report.Warnings)
                {
                    System.Console.Out.WriteLine($"warning: {warning}");
                }
                foreach (var error in report.Errors)
                {
                    System.Console.Error.WriteLine($"error: {error}");
                }
            }
            return report.Errors.Count == 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
