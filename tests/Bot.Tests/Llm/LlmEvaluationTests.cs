using Bot.Answers;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

public sealed class LlmEvaluationTests(Xunit.Abstractions.ITestOutputHelper output)
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
    public async Task EvaluateAsync_ModelThatLooksUpOnceThenAnswers_RunsTheToolPathAndReportsRoundsAndTokens()
    {
        await using var harness = await LlmHarness.StartAsync();
        // The scripted model searches once with the question's words, then cites the first paper the search
        // returned; the server reports a quarter of each request's characters as its prompt tokens.
        harness.Server.AfterRequest = request =>
        {
            var promptTokens = request.Body.Length / 4;
            if (request.Messages[^1].Role != "tool")
            {
                var question = request.Messages[1].Content[(request.Messages[1].Content.LastIndexOf("Question: ", StringComparison.Ordinal) + 10)..];
                harness.Server.Script(ChatReply.ToolCalls((promptTokens, 20), new ToolCallScript("papers_search",
                    System.Text.Json.JsonSerializer.Serialize(new { query = question }))));
                return;
            }
            var first = System.Text.RegularExpressions.Regex.Match(request.Messages[^1].Content, "<paper number=\"(\\d+)\">").Groups[1].Value;
            harness.Server.Script(ChatReply.Text($"The library's best match answers this [{first}].", (promptTokens, 12)));
        };
        var questions = AnswerEvaluator.Load(Path.Combine(TestPaths.SharedEval, "dev-questions.jsonl"));

        var metrics = await harness.Store.Get<AnswerEvaluator>().EvaluateAsync(questions, CancellationToken.None);

        Assert.Equal(AnswerEvaluator.LanguageModelMode, metrics.Mode);
        Assert.Equal(2 * questions.Count, harness.Server.Requests.Count);
        Assert.Equal(1.0, metrics.ToolRounds);
        Assert.Equal(1.0, metrics.ToolCalls);
        var reported = harness.Server.Requests.Select((r, i) => r.Body.Length / 4 + (i % 2 == 0 ? 20 : 12)).Sum();
        Assert.Equal((double)reported / questions.Count, metrics.Tokens, 6);
        Assert.True(metrics.CitedFirst >= 0.8, $"cited_first = {metrics.CitedFirst:F4}");
        output.WriteLine($"tool rounds {metrics.ToolRounds:F2}, tool calls {metrics.ToolCalls:F2}, tokens per answer {metrics.Tokens:F0}, cited first {metrics.CitedFirst:F4}");
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
