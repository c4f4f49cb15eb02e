using Bot.Tests.Llm.Fakes;

namespace Bot.Tests.Llm;

/// <summary>An endpoint that answers, but not with a chat completion, is reported as such (not as unreachable), is not retried, and leaves nothing half-kept.</summary>
public sealed class LlmInvalidResponseTests
{
    private const string Question = "how do I merge fine-tuned models without retraining?";
    private const string Paper = "Merging Models with Fisher-Weighted Averaging";

    [Fact]
    public async Task SummarizePaper_BrokenJson_SaysTheResponseWasInvalidAndDoesNotRetry()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxRetries"] = "2" });
        harness.Server.Script(ChatReply.Raw("""{"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Fisher mer"""));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Single(harness.Server.Requests);
        Assert.Equal("The language model is unavailable (the model endpoint sent an invalid response); here are the key sentences instead.", reply.Footer);
    }

    [Fact]
    public async Task Answer_HtmlPageWithStatus200_SaysTheResponseWasInvalid()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxRetries"] = "2" });
        harness.Server.Script(ChatReply.Raw("<html><head><title>Sign in</title></head><body>Please sign in to the proxy.</body></html>", "text/html"));

        var answer = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.Single(harness.Server.Requests);
        Assert.False(answer.FromLanguageModel);
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Equal("The language model is unavailable (the model endpoint sent an invalid response); these are the most relevant sentences from the papers instead.", answer.Note);
    }

    [Fact]
    public async Task Answer_StreamCutOffInTheMiddleOfAnEvent_IsNotKeptAsAnAnswer()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Raw(
            """
            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Merging trims small changes [1]. "},"finish_reason":null}]}

            data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"It also re
            """, "text/event-stream"));

        var answer = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.False(answer.FromLanguageModel);
        Assert.Equal("The language model is unavailable (the model endpoint sent an invalid response while streaming); these are the most relevant sentences from the papers instead.", answer.Note);
    }
}
