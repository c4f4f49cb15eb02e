using Bot.Console;

namespace Bot.Tests.Console;

public sealed class ConsoleSubscribeParseTests
{
    [Theory]
    [InlineData("07:30 Europe/Berlin 3 notify-empty", "07:30", "Europe/Berlin", 3L, true)]
    [InlineData("Europe/Berlin 99999999999999999999 07:30", "07:30", "Europe/Berlin", long.MaxValue, null)]
    [InlineData("dm -5 America/New_York", null, "America/New_York", -5L, null)]
    public void ParseSubscribe_WordsInAnyOrder_EachLandsInItsOption(string text, string? time, string? zone, long? count, bool? notify)
    {
        var request = ConsoleDailyCommands.ParseSubscribe(text);

        Assert.Equal((time, zone, count, notify), (request.Time, request.TimeZone, request.Count, request.NotifyEmpty));
    }
}
