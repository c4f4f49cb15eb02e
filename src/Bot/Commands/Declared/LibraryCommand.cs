using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/library [page]</c>: the papers the user saved, a page at a time, numbered for /paper and feedback.</summary>
public sealed class LibraryCommand(RecommendationCommands commands, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("library", "The papers you saved",
    [
        new("page", "Which page (default 1)", OptionKind.Integer, Min: 1, Max: 1000, Default: "1", Primary: true, Surfaces: Surfaces.Console),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reply = commands.Library(request.Asker.UserId, (int)(request.Integer("page") ?? 1) - 1);
        // The footer says the page shown ("Page P/N"), which may be the last when a later one was asked for.
        var page = reply.Footer is { } footer && footer.StartsWith("Page ", StringComparison.Ordinal)
            && int.TryParse(footer[5..footer.IndexOf('/')], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p - 1 : 0;
        var first = page * RecommendationCommands.LibraryPageSize + 1;
        shown.Remember(request.Asker.UserId, $"/library page {page + 1}", reply.Items.Select(i => i.Id).OfType<string>(), first);
        return Task.FromResult(reply with { FirstNumber = first });
    }
}
