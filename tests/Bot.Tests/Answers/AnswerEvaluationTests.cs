using Bot.Answers;
using Bot.Search;
using Bot.Tests.Support;

namespace Bot.Tests.Answers;

public sealed class AnswerEvaluationTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private static string DevQuestions => Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl");

    private static string HeldOutQuestions => Path.Combine(TestPaths.RepoRoot, "tests", "Bot.Tests", "Answers", "Data", "held-out-questions.jsonl");

    [Fact]
    public async Task EvaluateAsync_Bm25OnDevSet_CitesTheRightPaperFirstEightyPercent()
    {
        var questions = AnswerEvaluator.Load(DevQuestions);

        var metrics = await shared.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None);

        Assert.Equal(questions.Count, metrics.Questions);
        Assert.True(metrics.CitedFirst >= 0.8, $"cited_first = {metrics.CitedFirst:F4}");
        Assert.InRange(metrics.Keywords, 0.0, 1.0);
        Assert.Equal(AnswerEvaluator.ExtractiveMode, metrics.Mode);
    }

    [Fact]
    public async Task EvaluateAsync_Bm25OnOurHeldOutQuestions_CitesTheRightPaperFirstEightyPercent()
    {
        // Ten questions written from the shared digests, none from the dev set, eight of them asking for a number.
        var questions = AnswerEvaluator.Load(HeldOutQuestions);

        var metrics = await shared.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None);

        Assert.Equal(10, metrics.Questions);
        Assert.True(metrics.CitedFirst >= 0.8, $"cited_first = {metrics.CitedFirst:F4}");
        Assert.InRange(metrics.Keywords, 0.0, 1.0);
    }

    [Fact]
    public async Task EvaluateAsync_PaperTitleNotInStore_IsAnErrorNotAZero()
    {
        AnswerQuestion[] questions =
        [
            new("q1", "How are models merged with Fisher information?", "Merging Models with Fisher-Weighted Averaging", ["Fisher"]),
            new("q2", "What do robots dream of?", "A Paper That No Digest Ever Listed", ["sheep"]),
        ];

        var error = await Assert.ThrowsAsync<EvaluationDataException>(() =>
            shared.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None));

        Assert.Contains("q2: \"A Paper That No Digest Ever Listed\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fisher", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedLine_IsAClearErrorWithFileAndLine()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("questions.jsonl", File.ReadLines(DevQuestions).First() + "\n{\"qid\": \"bad\", \"question\": \"no paper\"}\n");

        var error = Assert.Throws<EvaluationDataException>(() => AnswerEvaluator.Load(path));

        Assert.StartsWith($"{path}:2: expected", error.Message, StringComparison.Ordinal);
    }
}
