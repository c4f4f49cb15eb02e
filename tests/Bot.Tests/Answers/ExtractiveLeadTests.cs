using Bot.Answers;
using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Answers;

/// <summary>
/// Which sentence leads an extractive answer (BM25 only, no embedding model): the one that answers, not
/// the abstract's scene-setting nor its "code is available" line, though both share the question's words.
/// </summary>
public sealed class ExtractiveLeadTests
{
    private const string Title = "TIES-Merging: Resolving Interference When Merging Models";

    private const string Abstract =
        "Sign conflicts between fine-tuned models make merging fine-tuned models hard, and merged models lose accuracy on every task. " +
        "We propose TIES-Merging, which trims small updates and resolves sign conflicts by electing the dominant sign before merging. " +
        "Across eight tasks TIES-Merging outperforms task arithmetic by 4.2 points on average. " +
        "Our merging code and the fine-tuned models for all eight tasks are publicly available at https://github.com/example/ties-merging.";

    [Fact]
    public async Task AnswerAsync_BackgroundSharesTheQuestionsWords_TheSentenceThatAnswersLeads()
    {
        var answer = await Answer("How are sign conflicts between fine-tuned models resolved when merging models?");

        Assert.StartsWith("We propose TIES-Merging", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_NoticeSharesTheQuestionsWords_IsNotQuoted()
    {
        var answer = await Answer("How do merged models for the eight tasks compare with task arithmetic?");

        Assert.StartsWith("Across eight tasks", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("github", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("publicly available", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_AskingWhereTheCodeIs_TheNoticeIsTheAnswer()
    {
        var answer = await Answer("Where is the code of TIES-Merging?");

        Assert.Contains("https://github.com/example/ties-merging", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void KeySentences_AbstractWithBackgroundAndANotice_SaysWhatThePaperDoesAndFinds()
    {
        var key = PaperSummarizer.KeySentences(Abstract, 2);

        Assert.Equal(
            ["We propose TIES-Merging, which trims small updates and resolves sign conflicts by electing the dominant sign before merging.",
             "Across eight tasks TIES-Merging outperforms task arithmetic by 4.2 points on average."],
            key);
    }

    [Fact]
    public void KeySentences_OnlyANotice_IsKept()
    {
        Assert.Equal(["Code is available at https://github.com/example/x."], PaperSummarizer.KeySentences("Code is available at https://github.com/example/x."));
    }

    private static async Task<Answer> Answer(string question)
    {
        using var store = TestStore.Create();
        var file = store.WriteFile("ties.txt", DigestText.Build("2024-05-06",
            (Title, Abstract),
            ("Graph Transformers for Molecule Property Prediction", DigestText.Abstract("molecule property prediction")),
            ("Learning to Route Queries Across Retrieval Indexes", DigestText.Abstract("query routing"))));
        store.Get<DigestIngestor>().IngestFile(file);
        return await store.Get<ExtractiveAnswerer>().AnswerAsync(question, CancellationToken.None);
    }
}
