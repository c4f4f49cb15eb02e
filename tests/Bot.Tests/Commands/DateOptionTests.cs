using Bot.Commands;
using Bot.Console;

namespace Bot.Tests.Commands;

public sealed class DateOptionTests
{
    [Theory]
    [InlineData("2024-05-06", 2024, 5, 6)]
    [InlineData(" 2024-02-29 ", 2024, 2, 29)]
    public void TryParse_IsoDate_ParsesIt(string text, int year, int month, int day)
    {
        Assert.True(DateOption.TryParse("since", text, out var date, out var error));
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_NotGiven_SucceedsWithNoDate()
    {
        Assert.True(DateOption.TryParse("since", null, out var date, out _));
        Assert.Null(date);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("05/06/2024")]
    [InlineData("2023-02-29")]
    [InlineData("２０２４-05-06")]
    [InlineData("2024-05-06\u202E")]
    [InlineData("")]
    public void TryParse_NotAnIsoDate_OneMessageForEveryFrontEnd(string text)
    {
        Assert.False(DateOption.TryParse("--until", text, out var date, out var error));
        Assert.Null(date);
        Assert.Equal($"--until must be a date like 2024-05-06, not \"{Echo.Of(text)}\".", error);
    }

    [Fact]
    public void TryParse_HostileLongText_IsEchoedClipped()
    {
        var text = "@everyone " + new string('x', 5000);

        Assert.False(DateOption.TryParse("since", text, out _, out var error));

        Assert.Equal($"since must be a date like 2024-05-06, not \"{text[..40]}…\".", error);
    }

    [Theory]
    [InlineData("2024-05-06\u202E", "2024-05-06?")]
    [InlineData("a\u200Bb\u0007c", "a?b?c")]
    public void EchoOf_ControlAndFormatCharacters_ShownAsQuestionMarks(string text, string shown)
    {
        Assert.Equal(shown, Echo.Of(text));
    }

    [Fact]
    public void EchoOf_CutInsideAnEmoji_KeepsTheTextValid()
    {
        var text = new string('x', Echo.Length - 1) + "😀" + "tail";

        Assert.Equal(new string('x', Echo.Length - 1) + "…", Echo.Of(text));
    }

    [Fact]
    public void ConsoleTryGetDate_SameParserAndMessage()
    {
        var option = new Bot.Commands.Declarations.CommandOption("since", "", Bot.Commands.Declarations.OptionKind.Date);

        Assert.False(Bot.Commands.Declarations.OptionValues.TryRead(option, new string('9', 60), out _, out var console));
        DateOption.TryParse("since", new string('9', 60), out _, out var shared);

        Assert.Equal(shared, console);
    }
}
