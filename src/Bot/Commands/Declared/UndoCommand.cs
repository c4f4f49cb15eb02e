using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/undo paper</c>: takes back a like, dislike or dismissal of a paper.</summary>
public sealed class UndoCommand(RecommendationCommands commands, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("undo", "Take back your like, dislike or dismissal of a paper",
    [
        new("paper", "The paper's number in your last list, its id, or its title", Required: true, MaxLength: 300, Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(UnsaveCommand.TakeBack(commands, shown, request, [FeedbackKind.Like, FeedbackKind.Dislike, FeedbackKind.Dismiss]));
}
