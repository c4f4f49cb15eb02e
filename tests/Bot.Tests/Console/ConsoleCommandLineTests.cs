using Bot.Commands.Declarations;
using Bot.Console;
using Bot.Tests.Support;

namespace Bot.Tests.Console;

/// <summary>The console reads a line against the command declarations, as Discord reads a slash command.</summary>
public sealed class ConsoleCommandLineTests : IDisposable
{
    private readonly TestStore _store = TestStore.Create();

    private CommandSet Commands => _store.Get<CommandSet>();

    private ConsoleCommandLine Parse(string line) => ConsoleCommandLine.Parse(line, Commands);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Parse_SlashCommandWithOptions_FreeWordsAreThePrimaryOptionAndTheRestNamed()
    {
        var line = Parse("/search diffusion models limit:5 since:2024-05-01");

        Assert.Equal("search", line.Command!.Declaration.Name);
        Assert.Equal(new Dictionary<string, string> { ["query"] = "diffusion models", ["limit"] = "5", ["since"] = "2024-05-01" }, line.Values);
        Assert.Null(line.Error);
    }

    [Fact]
    public void Parse_ExtraSpacesAndUpperCaseCommand_AreNormalised()
    {
        var line = Parse("   /SEARCH   model    merging  limit:3 ");

        Assert.Equal("search", line.Command!.Declaration.Name);
        Assert.Equal("model merging", line.Values["query"]);
        Assert.Equal("3", line.Values["limit"]);
    }

    [Theory]
    [InlineData("/paper AutoTransfer: AutoML with Knowledge Transfer", "title", "AutoTransfer: AutoML with Knowledge Transfer")]
    [InlineData("/search code at https://github.com/x", "query", "code at https://github.com/x")]
    [InlineData("/search :limit", "query", ":limit")]
    [InlineData("/ask what is the ratio:3 trick?", "question", "what is the ratio:3 trick?")]
    public void Parse_ColonThatIsNoOptionOfTheCommand_StaysInTheText(string input, string option, string text)
    {
        var line = Parse(input);

        Assert.Null(line.Error);
        Assert.Equal(text, line.Values[option]);
    }

    [Theory]
    [InlineData("/search in-context learning lmit:3", "/search has no option \"lmit\". Its options: limit:10, since:2024-05-06, until:2024-05-06, digest:TEXT.")]
    [InlineData("/search in-context learning --limit 2", "Options are written name:value, like limit:10, not --limit.")]
    [InlineData("/search in-context learning limit:", "limit needs a value, like limit:10.")]
    [InlineData("/search in-context learning limit:lots", "limit must be a whole number, not \"lots\".")]
    [InlineData("/recommend 99", "count must be between 1 and 10.")]
    [InlineData("/status now", "/status takes no words of its own. /status")]
    [InlineData("/summarize everything", "/summarize is followed by one of: paper, digest: /summarize paper <title>; /summarize digest [<digest>].")]
    public void Parse_OptionTheCommandDoesNotTakeOrABadValue_IsAnErrorNamingWhatItTakes(string input, string error)
    {
        var line = Parse(input);

        Assert.NotNull(line.Error);
        Assert.StartsWith(error, line.Error, StringComparison.Ordinal);
        Assert.Empty(line.Values);
    }

    [Theory]
    [InlineData("/serach model merging", "Unknown command /serach. Did you mean /search? Type /help for the list.")]
    [InlineData("/recomend", "Unknown command /recomend. Did you mean /recommend? Type /help for the list.")]
    [InlineData("/frobnicate", "Unknown command /frobnicate. Type /help for the list.")]
    [InlineData("/digest-channel set", "Unknown command /digest-channel.")]
    public void Parse_UnknownCommand_SuggestsTheClosest(string input, string error)
    {
        Assert.StartsWith(error, Parse(input).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("follow up on the merging paper: does it need validation data?")]
    [InlineData("paper 2")]
    [InlineData("recommend me papers on diffusion")]
    [InlineData("like what?")]
    [InlineData("status of model merging research")]
    public void Parse_PlainTextStartingWithACommandName_IsAQuestion(string input)
    {
        var line = Parse(input);

        Assert.Equal(input, line.Question);
        Assert.Null(line.Command);
        Assert.Null(line.Error);
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    public void Parse_Quit_StopsOnlyWithASlash(string input)
    {
        Assert.True(Parse(input).Quit);
        Assert.False(Parse(input[1..]).Quit);
        Assert.StartsWith("Commands start with a slash: /", Parse(input[1..]).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubcommandAndItsOptions_AreReadAgainstTheSubcommand()
    {
        var line = Parse("/summarize paper Merging Models with Fisher-Weighted Averaging");

        Assert.Equal("paper", line.Subcommand);
        Assert.Equal("Merging Models with Fisher-Weighted Averaging", line.Values["title"]);
    }

    [Fact]
    public void Parse_OptionOnlyDiscordHas_IsNotAConsoleOption()
    {
        Assert.StartsWith("/subscribe has no option \"delivery\"", Parse("/subscribe delivery:channel").Error, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["time"] = "07:30", ["timezone"] = "Europe/Berlin", ["notify-empty"] = "true" },
            Parse("/subscribe time:07:30 timezone:Europe/Berlin notify-empty:yes").Values);
    }
}

public sealed class ReplyRendererTests
{
    [Fact]
    public void Render_WithATerminalWidth_WrapsLongTextAtSpacesUnderItsIndent()
    {
        var text = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));
        var reply = new Bot.Commands.CommandReply("Answer", [new Bot.Commands.ReplyItem("Answer", text)]);

        var wrapped = ReplyRenderer.Render(reply, width: 60).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var plain = ReplyRenderer.Render(reply).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(wrapped, line => Assert.True(line.Length < 60, line));
        Assert.All(wrapped.Skip(2), line => Assert.StartsWith("    word", line, StringComparison.Ordinal));
        Assert.Equal(text, string.Join(' ', wrapped.Skip(2).Select(l => l.Trim())));
        Assert.Equal(3, plain.Length);
    }
}
