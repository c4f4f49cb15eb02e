using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Recommendations;
using Bot.Recommendations.Daily;

namespace Bot.Console;

/// <summary>
/// <c>/subscribe [HH:mm] [time zone] [count] [notify-empty]</c> and <c>/unsubscribe</c> at the console, for
/// the console's one user; due picks are printed here (<see cref="ConsoleDailyDelivery"/>).
/// </summary>
public sealed partial class ConsoleDailyCommands(DailyCommands daily) : IConsoleCommand
{
    public IReadOnlyList<string> Names { get; } = ["subscribe", "unsubscribe"];

    public string Help => """
          /subscribe [HH:mm] [time zone] [count] [notify-empty]   print your daily picks here at that local time
          /unsubscribe                                   stop the daily picks
        """;

    public Task<string> ExecuteAsync(ConsoleCommandLine command, CancellationToken cancellationToken)
    {
        var reply = command.Name == "unsubscribe"
            ? daily.Unsubscribe(UserSignalStore.ConsoleUserId)
            : daily.Subscribe(UserSignalStore.ConsoleUserId, null, null, ParseSubscribe(command.Text));
        // The console's "direct message" is this terminal.
        reply = reply with { Items = [.. reply.Items.Select(i => i.Title == "Where" ? i with { Text = "printed here, while the bot runs" } : i)] };
        return Task.FromResult(ReplyRenderer.Render(reply));
    }

    /// <summary>Words in any order: a time, a count, <c>notify-empty</c>, <c>dm</c>; anything else is the time zone.</summary>
    internal static DailyCommands.SubscribeRequest ParseSubscribe(string text)
    {
        string? time = null, zone = null;
        long? count = null;
        bool? notify = null;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TimePattern().IsMatch(word))
            {
                time = word;
            }
            else if (word.TrimStart('-').Length > 0 && word.TrimStart('-').All(char.IsAsciiDigit))
            {
                // A number too long for a long is still a count (out of range), not part of the time zone.
                count = long.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
            }
            else if (word.Equals("notify-empty", StringComparison.OrdinalIgnoreCase))
            {
                notify = true;
            }
            else if (!word.Equals("dm", StringComparison.OrdinalIgnoreCase))
            {
                zone = zone is null ? word : zone + " " + word;
            }
        }
        return new DailyCommands.SubscribeRequest(null, time, zone, count, notify);
    }

    [GeneratedRegex(@"^\d{1,2}:\d{1,2}$")]
    private static partial Regex TimePattern();
}
