using Bot.Commands.Declarations;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Commands.Declared;

/// <summary><c>/help [command]</c>: every command, or one command's options, written from the declarations.</summary>
public sealed class HelpCommand(IServiceProvider services) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("help", "The commands, or one command's options",
    [
        new("command", "A command's name, for its options", MaxLength: 40, Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        // The set holds this command too, so it is found when asked for rather than injected.
        var commands = services.GetRequiredService<CommandSet>();
        var surface = request.Asker.GuildId is null && request.Asker.UserId == Recommendations.UserSignalStore.ConsoleUserId ? Surfaces.Console : Surfaces.Discord;
        var name = request.Text("command")?.Trim().TrimStart('/');
        if (string.IsNullOrEmpty(name))
        {
            return Task.FromResult(CommandHelp.All(commands, surface));
        }
        return Task.FromResult(commands.Find(name, surface) is { } command
            ? CommandHelp.One(command.Declaration)
            : CommandReply.Error($"There is no command /{Echo.Of(name, 40)}."
                + (commands.Suggest(name, surface) is { Count: > 0 } close ? $" Did you mean {string.Join(" or ", close.Select(c => "/" + c))}?" : "")));
    }
}
