using Bot.Commands.Declarations;
using Bot.Digests;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/ingest</c>: adds digests to the library. On Discord a server manager attaches a file (its module
/// downloads it within the size limit); at the console, a file or folder path on this machine.
/// </summary>
public sealed class IngestCommand(DigestIngestor ingestor) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("ingest", "Add a digest file to the library (server managers only)",
    [
        new("file", "A Daily Papers digest as text or HTML", OptionKind.Attachment, Required: true, Surfaces: Surfaces.Discord),
        new("path", "A digest file or a folder of them on this machine", Required: true, MaxLength: 4096, Primary: true, Surfaces: Surfaces.Console),
    ], ServerManagersOnly: true, Example: "/ingest ../shared/digests");

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var path = request.Text("path") ?? "";
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return CommandReply.Error($"There is no file or folder \"{Echo.Of(path)}\".");
        }
        var report = await ingestor.IngestPathsAsync([path], cancellationToken);
        var items = report.Errors.Select(e => new ReplyItem("Error", e)).Concat(report.Warnings.Select(w => new ReplyItem("Warning", w))).ToList();
        return new CommandReply(
            $"{Count.Of(report.Digests, "digest")} added ({report.DigestsExisting} already stored): {Count.Of(report.PapersNew, "new paper")}, {report.PapersExisting} already known.",
            items, IsError: report.Errors.Count > 0 && report.Digests == 0 && report.DigestsExisting == 0);
    }
}
