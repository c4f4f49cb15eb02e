using Bot.Console;

namespace Bot.Tests.Console;

public sealed class ConsoleCommandLineTests
{
    [Fact]
    public void Parse_SlashCommandWithOptions_SplitsNameTextAndOptions()
    {
        var line = ConsoleCommandLine.Parse("/search diffusion models limit:5 since:2024-05-01");

        Assert.Equal("search", line.Name);
        Assert.Equal("diffusion models", line.Text);
        Assert.Equal("5", line.Options["limit"]);
        Assert.Equal("2024-05-01", line.Options["since"]);
    }

    [Fact]
    public void Parse_ExtraSpacesAndUpperCase_AreNormalised()
    {
        var line = ConsoleCommandLine.Parse("   /SEARCH   model    merging  LIMIT:3 ");

        Assert.Equal("search", line.Name);
        Assert.Equal("model merging", line.Text);
        Assert.Equal("3", line.Options["limit"]);
    }

    [Theory]
    [InlineData("/paper AutoTransfer: AutoML with Knowledge Transfer", "AutoTransfer: AutoML with Knowledge Transfer")]
    [InlineData("/search code at https://github.com/x", "code at https://github.com/x")]
    [InlineData("/search :limit", ":limit")]
    public void Parse_ColonInWordThatIsNoKnownOption_StaysInTheText(string input, string text)
    {
        var line = ConsoleCommandLine.Parse(input);

        Assert.Equal(text, line.Text);
        Assert.Empty(line.Options);
    }

    [Theory]
    [InlineData("status", "status")]
    [InlineData("/status", "status")]
    [InlineData("", "")]
    [InlineData("/", "")]
    public void Parse_CommandWithoutText_HasNameOnly(string input, string name)
    {
        var line = ConsoleCommandLine.Parse(input);

        Assert.Equal(name, line.Name);
        Assert.Equal("", line.Text);
    }

    [Fact]
    public void TryGetInt_OptionMissing_GivesTheFallback()
    {
        var ok = ConsoleCommandLine.Parse("/search x").TryGetInt("limit", 5, out var value, out var error);

        Assert.True(ok);
        Assert.Equal(5, value);
        Assert.Null(error);
    }

    [Fact]
    public void TryGetInt_NotANumber_ExplainsWhat()
    {
        var ok = ConsoleCommandLine.Parse("/search x limit:abc").TryGetInt("limit", 5, out _, out var error);

        Assert.False(ok);
        Assert.Equal("limit must be a whole number, not \"abc\".", error);
    }

    [Fact]
    public void TryGetDate_IsoDate_IsParsedAndOtherFormsExplained()
    {
        Assert.True(ConsoleCommandLine.Parse("/search x since:2024-05-06").TryGetDate("since", out var date, out _));
        Assert.Equal(new DateOnly(2024, 5, 6), date);

        Assert.False(ConsoleCommandLine.Parse("/search x since:May-6").TryGetDate("since", out _, out var error));
        Assert.Equal("since must be a date like 2024-05-06, not \"May-6\".", error);
    }

    [Fact]
    public void Parse_LineWithoutASlash_KeepsTheWholeLineAsAPossibleQuestion()
    {
        var plain = ConsoleCommandLine.Parse("  how do I merge models? limit:3  ");
        var slashed = ConsoleCommandLine.Parse("/search merging");

        Assert.Equal("how do I merge models? limit:3", plain.Question);
        Assert.Null(slashed.Question);
    }
}
