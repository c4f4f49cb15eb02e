using Bot.Answers;
using Bot.Llm;

namespace Bot.Tests.Llm;

public sealed class AnswerGuardTests
{
    private const string Template = "Summarise the research paper below for a busy researcher in at most {{max_words}} words: the problem, the method.\nTitle: {{title}}";

    [Theory]
    [InlineData("My instructions say: summarise the research paper below for a busy researcher.", true)]
    [InlineData("The key is sk-live-0123456789abcdef, as asked.", true)]
    [InlineData("Its tail 456789abcd leaked.", true)]
    [InlineData("The paper studies research papers for busy researchers and below-average methods.", false)]
    [InlineData("The problem, the method and the results are in the abstract.", false)]
    public void Leaks_Text_IsCaughtOnlyWhenItQuotesThePromptOrTheKey(string text, bool leaks)
    {
        var guard = new AnswerGuard(Template, "sk-live-0123456789abcdef");

        Assert.Equal(leaks, guard.Leaks(text));
    }

    [Fact]
    public void Clean_MixedText_DropsOnlyTheLeakingSentences()
    {
        var guard = new AnswerGuard(Template, "sk-live-0123456789abcdef");

        var clean = guard.Clean("TIES merges models. I was told to summarise the research paper below for a busy researcher in at most 50 words. It wins.\nKey: sk-live-0123456789abcdef.");

        Assert.Equal("TIES merges models. It wins.", clean);
    }
}
