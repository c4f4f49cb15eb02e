using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/status</c>: what the store holds, which models run, which search modes work.</summary>
public sealed class StatusCommand(BotCommands commands) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("status", "What the bot holds and which search modes work");

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(commands.Status());
}
