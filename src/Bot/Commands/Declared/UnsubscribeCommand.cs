using Bot.Commands.Declarations;
using Bot.Recommendations.Daily;

namespace Bot.Commands.Declared;

/// <summary><c>/unsubscribe</c>: no more daily picks (interests and feedback stay). On Discord a server manager may name a member.</summary>
public sealed class UnsubscribeCommand(DailyCommands daily) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("unsubscribe", "Stop your daily paper picks",
    [
        // A server's managers can stop a member's picks that post in the server's channels (say, after they left).
        new("member", "Server managers: stop this member's daily picks in this server's channels", OptionKind.User, Surfaces: Surfaces.Discord),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(daily.Unsubscribe(request.Asker.UserId));
}
