using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/follow topic</c>: an interest the user's picks are ranked by.</summary>
public sealed class FollowCommand(RecommendationCommands commands) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("follow", "Follow a research interest; your picks are ranked by it",
    [
        new("topic", "A sentence or a few keywords, e.g. merging fine-tuned models", Required: true, MaxLength: 200, Primary: true),
    ], Example: "/follow merging fine-tuned models without retraining");

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        commands.FollowAsync(request.Asker.UserId, request.Text("topic") ?? "", cancellationToken);
}
