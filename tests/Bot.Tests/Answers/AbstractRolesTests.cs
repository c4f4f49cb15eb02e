using Bot.Answers;

namespace Bot.Tests.Answers;

public sealed class AbstractRolesTests
{
    [Fact]
    public void Background_SentencesBeforeTheAuthorsSpeakOfTheirWork_AreBackground()
    {
        string[] sentences =
        [
            "A good initialization of deep models is essential.",
            "Graph hypernetworks have shown strong performance in initializing vision models.",
            "To address this limitation, we propose LoGAH, a low-rank decoder.",
            "LoGAH predicts the parameters of 774-million networks.",
            "Vision and language models initialized with it achieve better performance.",
        ];

        Assert.Equal([true, true, false, false, false], AbstractRoles.Background(sentences));
    }

    [Fact]
    public void Background_ThisPaperCountsAsOwnWork()
    {
        Assert.Equal([true, false, false], AbstractRoles.Background(["Merging is popular.", "This paper studies merging.", "Results improve."]));
    }

    [Fact]
    public void Background_NoSentenceSpeaksOfOwnWork_NoneIsBackground()
    {
        Assert.Equal([false, false], AbstractRoles.Background(["Merging is popular.", "Results improve by 3%."]));
    }

    [Fact]
    public void Background_OwnWorkFirst_NoneIsBackground()
    {
        Assert.Equal([false, false], AbstractRoles.Background(["We merge models.", "Merging is popular."]));
    }
}
