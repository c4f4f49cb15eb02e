using Bot.Answers;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

public sealed class LlmEvaluationTests
{
    [Fact]
    public async Task EvaluateAsync_WithLlm_AsksTheModelForEveryQuestionAndSaysSo()
    {
        await using var harness = await LlmHarness.StartAsync();
        // A model that always cites the first paper it was shown: cited_first then measures retrieval's top paper.
        harness.Server.Script(ChatReply.Text("The first paper answers this [1]."));
        var questions = AnswerEvaluator.Load(Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl"));

        var metrics = await harness.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None);

        Assert.Equal(AnswerEvaluator.LanguageModelMode, metrics.Mode);
        Assert.Equal(questions.Count, harness.Server.Requests.Count);
        var topTitles = harness.Server.Requests.Select(r => LlmHarness.TitleInPrompt(r.Prompt, 1)).ToList();
        var expected = questions.Select((q, i) => q.Paper == topTitles[i] ? 1.0 : 0.0).Average();
        Assert.Equal(expected, metrics.CitedFirst, 6);
        Assert.True(metrics.CitedFirst >= 0.8, $"cited_first = {metrics.CitedFirst:F4}");
        Assert.Equal(0.0, metrics.Keywords);
    }

    [Fact]
    public async Task EvaluateAsync_EndpointDown_FailsInsteadOfScoringTheFallback()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxRetries"] = "0" });
        harness.Server.Script(ChatReply.Error(500, "down"));
        var questions = AnswerEvaluator.Load(Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl"));

        await Assert.ThrowsAsync<Bot.Llm.LanguageModelException>(() => harness.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None));
    }
}
