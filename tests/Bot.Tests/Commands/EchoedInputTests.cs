using Bot.Commands;
using Bot.Tests.Support;

namespace Bot.Tests.Commands;

/// <summary>What a user typed comes back in replies clipped and without characters that reorder or hide text.</summary>
public sealed class EchoedInputTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private static readonly string Hostile = "\u202Emerging\u202C " + new string('x', 5000);

    private BotCommands Commands => shared.Store.Get<BotCommands>();

    [Fact]
    public async Task Search_LongQueryWithABidiOverride_HeadlineIsClippedAndDefused()
    {
        var reply = await Commands.SearchAsync(Hostile, 5, Bot.Search.SearchFilters.None, CancellationToken.None);

        Assert.True(reply.Headline.Length < 100, reply.Headline);
        Assert.DoesNotContain('\u202E', reply.Headline);
    }

    [Fact]
    public void Paper_UnknownLongTitle_IsEchoedClippedAndDefused()
    {
        var reply = Commands.Paper(Hostile);

        Assert.True(reply.IsError);
        Assert.True(reply.Headline.Length < 120, reply.Headline);
        Assert.DoesNotContain('\u202E', reply.Headline);
    }

    [Fact]
    public async Task Ask_LongQuestion_HeadsTheAnswerClippedAndDefused()
    {
        var reply = await Commands.AskAsync("how do I merge models? \u202E" + new string('y', 5000), CancellationToken.None);

        Assert.True(reply.Headline.Length <= 201, $"{reply.Headline.Length}");
        Assert.StartsWith("how do I merge models? ?", reply.Headline, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u200B\u2060")]
    [InlineData("🙂 ?!")]
    public async Task Ask_NoWordsAtAll_AsksForAQuestion(string question)
    {
        var reply = await Commands.AskAsync(question, CancellationToken.None);

        Assert.True(reply.IsError);
        Assert.StartsWith("Ask a question", reply.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void SummarizePaper_WordOfOneTitle_OpensThatPaperAsPaperDoes()
    {
        var summary = Commands.SummarizePaper("HARD");
        var paper = Commands.Paper("HARD");

        Assert.False(summary.IsError);
        Assert.Equal("HARD: Hard Augmentations for Robust Distillation", paper.Headline);
        Assert.Equal(paper.Headline, summary.Headline);
    }

    [Fact]
    public void SummarizePaper_WordsOfSeveralTitles_ListsThemAsPaperDoes()
    {
        var summary = Commands.SummarizePaper("merging");
        var paper = Commands.Paper("merging");

        Assert.True(summary.IsError);
        Assert.Equal(paper.Headline, summary.Headline);
        Assert.Equal(paper.Items.Select(i => i.Id), summary.Items.Select(i => i.Id));
        Assert.True(summary.Items.Count > 1);
    }

    [Fact]
    public void SummarizePaper_NoPaperNamed_AsksWhichPaper()
    {
        var reply = Commands.SummarizePaper("  ");

        Assert.True(reply.IsError);
        Assert.StartsWith("Which paper?", reply.Headline, StringComparison.Ordinal);
    }
}
