using Bot.Commands.Declarations;
using Bot.Recommendations;
using Bot.Recommendations.Daily;

namespace Bot.Commands.Declared;

/// <summary>
/// <c>/subscribe [delivery] [time] [timezone] [count] [notify-empty]</c>: daily picks at the user's local
/// time. Options left out keep the current subscription's values. At the console the "direct message" is
/// the terminal itself.
/// </summary>
public sealed class SubscribeCommand(DailyCommands daily) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("subscribe", "Get your daily paper picks by DM or in this channel, at your local time",
    [
        new("delivery", "Where the picks go (default: dm)", Choices: [new OptionChoice("direct message", "dm"), new OptionChoice("this channel", "channel")], Surfaces: Surfaces.Discord),
        new("time", "Local time, 24-hour HH:mm (default 08:00)", MaxLength: 5),
        new("timezone", "IANA time zone, e.g. Europe/Berlin or America/New_York (default UTC)", MaxLength: 64),
        new("count", "How many papers a day (1-10, default 5)", OptionKind.Integer, Min: 1, Max: 10),
        new("notify-empty", "Say \"nothing new today\" on days without new papers", OptionKind.Boolean),
    ], Example: "/subscribe time:07:30 timezone:Europe/Berlin count:3");

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var asker = request.Asker;
        var reply = daily.Subscribe(asker.UserId, asker.GuildId, asker.GuildId is null ? null : asker.ConversationId, new DailyCommands.SubscribeRequest(
            request.Text("delivery"), request.Text("time"), request.Text("timezone"), request.Integer("count"), request.Boolean("notify-empty")));
        return Task.FromResult(asker.UserId == UserSignalStore.ConsoleUserId
            ? reply with { Items = [.. reply.Items.Select(i => i.Title == "Where" ? i with { Text = "printed here, while the bot runs" } : i)] }
            : reply);
    }
}
