using System.CommandLine;
using Bot.Commands;

namespace Bot.Cli;

/// <summary><c>status</c>: counts, active embedding model, index sizes.</summary>
public static class StatusVerb
{
    public static Command Create()
    {
        var command = new Command("status", "What the store holds and which search modes work");
        command.SetAction((parse, ct) => VerbHost.ReadAsync(parse, (services, json, _) =>
        {
            if (json)
            {
                System.Console.Out.WriteLine(CliJsonContext.Serialize(services.Get<StatusReporter>().Report()));
            }
            else
            {
                System.Console.Out.WriteLine(Console.ReplyRenderer.Render(services.Get<BotCommands>().Status()));
            }
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
