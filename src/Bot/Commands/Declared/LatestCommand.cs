using Bot.Commands.Declarations;
using Bot.Store;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/latest [page]</c>: what arrived last — the newest digest's themes, then its papers a page at a time,
/// numbered (across pages) for /paper, /save and feedback.
/// </summary>
public sealed class LatestCommand(PaperStore store, BotCommands commands, ShownLists shown) : IBotCommand
{
    public const int PageSize = 10;

    public CommandDeclaration Declaration { get; } = new("latest", "The newest digest: its themes and papers",
    [
        new("page", "Which page of its papers (default 1)", OptionKind.Integer, Min: 1, Max: 100, Default: "1", Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (store.ListDigests().FirstOrDefault() is not { } digest)
        {
            return Task.FromResult(new CommandReply("No digest is stored yet.", [], "Drop digests into the inbox folder, or use /ingest."));
        }
        var rowIds = store.DigestPaperRowIds(digest.Id);
        var pages = Math.Max(1, (rowIds.Count + PageSize - 1) / PageSize);
        var page = (int)Math.Min(request.Integer("page") ?? 1, pages) - 1;
        var papers = store.GetPapers([.. rowIds.Skip(page * PageSize).Take(PageSize)]);
        var themes = page == 0 ? commands.SummarizeDigest(digest.Id).Items : [];
        // Numbers continue across pages, so "/paper 12" after page 2 is the twelfth paper of the digest.
        var listed = page * PageSize;
        shown.Remember(request.Asker.UserId, $"/latest page {page + 1}", papers.Select(p => p.Id), listed + 1);
        var items = themes.Select(t => t with { Title = "Theme: " + t.Title })
            .Concat(papers.Select(p => new ReplyItem(p.Title, Gist.Of(p.Abstract), p.Id, p.FirstSeen, p.Links.FirstOrDefault()?.Url, p.FirstSeenKnown)))
            .ToList();
        return Task.FromResult(new CommandReply(digest.DateKnown ? $"Digest of {digest.DayLabel}: {Count.Of(rowIds.Count, "paper")}" : $"Latest digest ({digest.DayLabel}): {Count.Of(rowIds.Count, "paper")}", items,
            $"Papers {listed + 1}-{listed + papers.Count} of {rowIds.Count} · page {page + 1}/{pages}" + (page + 1 < pages ? $" · /latest {page + 2} for more" : ""))
        {
            FirstNumber = listed + 1,
        });
    }
}
