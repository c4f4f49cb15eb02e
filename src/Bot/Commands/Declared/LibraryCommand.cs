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
        shown.Remember(request.Asker.UserId, "/library page", reply.Items.Select(i => i.Id).OfType<string>());
        return Task.FromResult(reply);
    }
}
