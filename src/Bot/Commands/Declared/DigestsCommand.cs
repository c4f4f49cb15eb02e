using Bot.Commands.Declarations;
using Bot.Store;

namespace Bot.Commands.Declared;

/// <summary><c>/digests</c>: the stored digests, newest first, with their dates and paper counts.</summary>
public sealed class DigestsCommand(PaperStore store) : IBotCommand
{
    private const int Shown = 25;

    public CommandDeclaration Declaration { get; } = new("digests", "The digests stored, newest first, with their dates and paper counts");

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var digests = store.ListDigests();
        if (digests.Count == 0)
        {
            return Task.FromResult(new CommandReply("No digest is stored yet.", [], "Drop digests into the inbox folder, or use /ingest."));
        }
        var items = digests.Take(Shown).Select(d => new ReplyItem($"{d.DayLabel}: {Count.Of(d.PaperCount, "paper")}", $"{d.ShortId} ({d.Source})")).ToList();
        return Task.FromResult(new CommandReply($"{digests.Count} digest{(digests.Count == 1 ? "" : "s")} stored", items,
            (digests.Count > Shown ? $"The newest {Shown} shown. " : "") + "/latest shows the newest; /summarize digest DATE any of them."));
    }
}
