using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/forget-me</c>: deletes everything stored about the user. It must be confirmed: at the console by
/// typing <c>/forget-me confirm</c>, on Discord with the button its module shows.
/// </summary>
public sealed class ForgetMeCommand(RecommendationCommands commands) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("forget-me", "Delete everything the bot stores about you",
    [
        new("confirm", "Type confirm to go ahead", Choices: [new OptionChoice("confirm", "confirm")], Primary: true, Surfaces: Surfaces.Console),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(request.Text("confirm") == "confirm"
        ? commands.ForgetMe(request.Asker.UserId)
        : CommandReply.Error("This deletes your interests, feedback, saved papers and history. Type /forget-me confirm to go ahead."));
}
