using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/interests</c>: what the user follows, numbered as /unfollow takes them.</summary>
public sealed class InterestsCommand(RecommendationCommands commands) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("interests", "List what you follow");

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reply = commands.Interests(request.Asker.UserId);
        return Task.FromResult(reply with { Items = [.. reply.Items.Select((item, i) => item with { Title = $"#{i + 1} {item.Title}", Id = null })] });
    }
}
