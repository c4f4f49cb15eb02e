namespace Bot.Commands.Declarations;

/// <summary>A command: its declaration and the handler every front end calls with what the user typed.</summary>
public interface IBotCommand
{
    CommandDeclaration Declaration { get; }

    Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken);
}
