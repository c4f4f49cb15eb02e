using Bot.Answers;

namespace Bot.Tests.Answers;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("We use priors, e.g. Gaussian ones, and more. It works.", "We use priors, e.g. Gaussian ones, and more.")]
    [InlineData("Heads are pruned, i.e. Removed at inference. It works.", "Heads are pruned, i.e. Removed at inference.")]
    [InlineData("As Smith et al. Showed before, this holds. It works.", "As Smith et al. Showed before, this holds.")]
    [InlineData("Accuracy rises by 3.5 points to 92.1%. It works.", "Accuracy rises by 3.5 points to 92.1%.")]
    [InlineData("Code is at https://github.com/a.b/c.d now. It works.", "Code is at https://github.com/a.b/c.d now.")]
    [InlineData("Proposed by J. Smith in 2020. It works.", "Proposed by J. Smith in 2020.")]
    public void Split_PeriodThatEndsNothing_KeepsTheSentenceWhole(string text, string first)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal([first, "It works."], sentences.Select(s => s.Text));
    }

    [Fact]
    public void Split_SeveralSentences_KeepsOffsetsIntoTheText()
    {
        const string text = "  First one. Is it second? Yes! 4 models \"agree.\" Last without period";

        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(["First one.", "Is it second?", "Yes!", "4 models \"agree.\"", "Last without period"], sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Split_Blank_HasNoSentences(string text)
    {
        Assert.Empty(SentenceSplitter.Split(text));
    }

    [Fact]
    public void Split_LowerCaseAfterPeriod_IsNotABoundary()
    {
        var sentences = SentenceSplitter.Split("We compare with the approx. method of prior work. Done.");

        Assert.Equal(2, sentences.Count);
    }
}
