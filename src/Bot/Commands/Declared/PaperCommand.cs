using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/paper title</c>: one paper with its abstract, links and digests, by id, title or its number in the last list shown.</summary>
public sealed class PaperCommand(BotCommands commands, ShownLists shown, PaperTitleSuggestions titles) : IBotCommand, ISuggestsValues
{
    public CommandDeclaration Declaration { get; } = new("paper", "Show one paper: abstract, links and the digests it appeared in",
    [
        new("title", "The paper's title (pick from the suggestions), id, or its number in your last list", Required: true, MaxLength: 300, Autocomplete: true, Primary: true),
    ], Example: "/paper Merging Models with Fisher-Weighted Averaging", PostsInChannel: true);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reference = shown.Resolve(request.Asker.UserId, request.Text("title") ?? "");
        if (reference.Error is { } error)
        {
            return Task.FromResult(CommandReply.Error(error));
        }
        var reply = commands.Paper(reference.IdOrTitle!);
        // Several matches are listed numbered: "/paper 2" then opens the second.
        shown.Remember(request.Asker.UserId, "/paper matches", reply.IsError ? reply.Items.Select(i => i.Id).OfType<string>() : []);
        return Task.FromResult(reference.Meaning is { } meaning && !reply.IsError ? reply with { Footer = $"{meaning} · {reply.Footer}" } : reply);
    }

    public IReadOnlyList<Suggestion> Suggest(Bot.Answers.Asker asker, string option, string typed, int limit) => titles.For(typed, limit);
}
