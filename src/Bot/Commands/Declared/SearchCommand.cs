using Bot.Commands.Declarations;
using Bot.Search;

namespace Bot.Commands.Declared;

/// <summary><c>/search query [limit] [since] [until] [digest]</c>: hybrid search over the library; the results are numbered for /paper, /save and feedback.</summary>
public sealed class SearchCommand(BotCommands commands, ShownLists shown) : IBotCommand
{
    public const int DefaultLimit = 10;

    public CommandDeclaration Declaration { get; } = new("search", "Search the indexed papers",
    [
        new("query", "What you are looking for", Required: true, MaxLength: 300, Primary: true),
        new("limit", "How many results in all (1-25, default 10)", OptionKind.Integer, Min: 1, Max: 25, Default: "10"),
        new("since", "Only papers listed on or after this date (YYYY-MM-DD)", OptionKind.Date, MaxLength: 10),
        new("until", "Only papers listed on or before this date (YYYY-MM-DD)", OptionKind.Date, MaxLength: 10, Surfaces: Surfaces.Console),
        new("digest", "Only the papers of one digest (its id or file name)", MaxLength: 100, Surfaces: Surfaces.Console),
    ], Example: "/search model merging without retraining limit:5 since:2024-05-01");

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var filters = new SearchFilters(request.Date("since"), request.Date("until"), request.Text("digest"));
        var reply = await commands.SearchAsync(request.Text("query") ?? "", (int)(request.Integer("limit") ?? DefaultLimit), filters, cancellationToken);
        if (!reply.IsError)
        {
            shown.Remember(request.Asker.UserId, "/search", reply.Items.Select(i => i.Id).OfType<string>());
        }
        return reply;
    }
}
