using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/unsave paper</c>: removes a paper from the user's library.</summary>
public sealed class UnsaveCommand(RecommendationCommands commands, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("unsave", "Remove a paper from your library",
    [
        new("paper", "The paper's number in your last list (/library shows them), its id, or its title", Required: true, MaxLength: 300, Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(TakeBack(commands, shown, request, [FeedbackKind.Save]));

    /// <summary>A paper reference resolved as every paper option is (list numbers first), then taken back.</summary>
    internal static CommandReply TakeBack(RecommendationCommands commands, ShownLists shown, CommandRequest request, IReadOnlyList<FeedbackKind> kinds)
    {
        var reference = shown.Resolve(request.Asker.UserId, request.Text("paper") ?? "");
        if (reference.Error is { } error)
        {
            return CommandReply.Error(error);
        }
        var reply = commands.TakeBack(request.Asker.UserId, reference.IdOrTitle!, kinds);
        return reference.Meaning is { } meaning && !reply.IsError ? reply with { Footer = reply.Footer is null ? $"({meaning})" : $"{reply.Footer} ({meaning})" } : reply;
    }
}
