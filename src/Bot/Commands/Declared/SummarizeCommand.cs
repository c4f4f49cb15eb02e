using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/summarize paper title</c> and <c>/summarize digest [digest]</c>.</summary>
public sealed class SummarizeCommand(BotCommands commands, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("summarize", "Summarise a paper or a whole digest", Subcommands:
    [
        new("paper", "The key sentences of one paper's abstract (the language model's summary when one is configured)",
        [
            new("title", "The paper's title, id, or its number in your last list", Required: true, MaxLength: 300, Primary: true),
        ]),
        new("digest", "A digest's papers grouped into themes",
        [
            new("digest", "Digest id, file name or date YYYY-MM-DD (default: the newest)", MaxLength: 100, Primary: true),
        ]),
    ], Example: "/summarize digest", PostsInChannel: true);

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Subcommand == "digest")
        {
            return await commands.SummarizeDigestAsync(request.Text("digest"), request.Asker, cancellationToken);
        }
        var reference = shown.Resolve(request.Asker.UserId, request.Text("title") ?? "");
        if (reference.Error is { } error)
        {
            return CommandReply.Error(error);
        }
        var reply = await commands.SummarizePaperAsync(reference.IdOrTitle!, request.Asker, cancellationToken);
        shown.Remember(request.Asker.UserId, "/summarize paper matches", reply.IsError ? reply.Items.Select(i => i.Id).OfType<string>() : []);
        return reply;
    }
}
