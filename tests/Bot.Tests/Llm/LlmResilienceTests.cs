using Bot.Answers;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Llm.Fakes;

namespace Bot.Tests.Llm;

/// <summary>Timeouts, retries with backoff, Retry-After, and the extractive fallback when the endpoint fails for good.</summary>
public sealed class LlmResilienceTests
{
    private const string Question = "how do I merge fine-tuned models without retraining?";

    [Fact]
    public async Task Answer_ServerErrorsEveryTime_RetriesThenFallsBackToExtractiveWithANote()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxRetries"] = "2" });
        harness.Server.Script(ChatReply.Error(500, "internal error"));

        var answer = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.Equal(3, harness.Server.Requests.Count);
        Assert.False(answer.FromLanguageModel);
        Assert.Contains("[1]", answer.Text, StringComparison.Ordinal);
        Assert.Equal("The language model is unavailable (HTTP 500); these are the most relevant sentences from the papers instead.", answer.Note);
    }

    [Fact]
    public async Task Answer_Unauthorized_IsNotRetriedAndTheKeyIsNeverLoggedOrShown()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Error(401, $"Incorrect API key provided: {LlmHarness.ApiKey}."));

        var reply = await harness.Commands.AskAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.Single(harness.Server.Requests);
        Assert.Contains("HTTP 401", reply.Footer, StringComparison.Ordinal);
        var logs = harness.Logs.AllText();
        Assert.Contains("HTTP 401", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(LlmHarness.ApiKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(LlmHarness.ApiKey, Bot.Console.ReplyRenderer.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_RateLimited_WaitsWhatRetryAfterAsksThenSucceeds()
    {
        var clock = new FakeClock();
        await using var harness = await LlmHarness.StartAsync(clock: clock);
        harness.Server.Script(ChatReply.RateLimited(7), ChatReply.Text("Merging trims small changes [1]."));

        var pending = harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        var start = clock.GetUtcNow();
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1 && clock.NextDue == start + TimeSpan.FromSeconds(7));
        clock.Advance(TimeSpan.FromSeconds(7));
        var answer = await pending;

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.True(answer.FromLanguageModel);
        Assert.Equal("Merging trims small changes [1].", answer.Text);
    }

    [Fact]
    public async Task Answer_ServerError_BackoffJitterComesFromTheInjectedRandom()
    {
        var clock = new FakeClock();
        // Jitter scales the step by 0.5 + r/2: r = 0 halves the 2 s base.
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:RetryBaseSeconds"] = "2" }, clock, new FixedRandom(0.0));
        harness.Server.Script(ChatReply.Error(500, "internal error"), ChatReply.Text("Merging trims small changes [1]."));

        var pending = harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        var start = clock.GetUtcNow();
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1 && clock.NextDue == start + TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await pending;

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.True(answer.FromLanguageModel);
    }

    [Fact]
    public async Task Answer_SlowServer_TimesOutOnTheClockAndRetries()
    {
        var clock = new FakeClock();
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:TimeoutSeconds"] = "20", ["Bot:Llm:MaxRetries"] = "1" }, clock);
        harness.Server.Script(ChatReply.Hanging(), ChatReply.Text("Merging trims small changes [1]."));

        var pending = harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        var start = clock.GetUtcNow();
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1 && clock.NextDue == start + TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(20));
        var answer = await pending;

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal("Merging trims small changes [1].", answer.Text);
    }

    [Fact]
    public async Task Answer_SlowServerEveryTime_FallsBackSayingItTimedOut()
    {
        var clock = new FakeClock();
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:TimeoutSeconds"] = "20", ["Bot:Llm:MaxRetries"] = "1" }, clock);
        harness.Server.Script(ChatReply.Hanging());

        var pending = harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await WaitUntilAsync(() => harness.Server.Requests.Count == attempt && clock.NextDue is not null);
            clock.Advance(clock.NextDue!.Value - clock.GetUtcNow());
        }
        var answer = await pending;

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.False(answer.FromLanguageModel);
        Assert.Equal("The language model is unavailable (timed out); these are the most relevant sentences from the papers instead.", answer.Note);
    }

    [Fact]
    public async Task Answer_StreamFallsSilentMidway_TimesOutOnTheClockWithoutRetryingAndFallsBack()
    {
        var clock = new FakeClock();
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:TimeoutSeconds"] = "20", ["Bot:Llm:MaxRetries"] = "2" }, clock);
        harness.Server.Script(ChatReply.StallingAfter(["Merging trims ", "small changes [1]. ", "It also ", "resolves signs [1]."], sent: 3));
        var updates = new List<Bot.Answers.AnswerUpdate>();
        var start = clock.GetUtcNow();

        var pending = Task.Run(async () =>
        {
            await foreach (var update in harness.Answers.StreamAsync(Question, LlmHarness.User(), CancellationToken.None))
            {
                lock (updates)
                {
                    updates.Add(update);
                }
            }
        });
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1 && clock.NextDue is not null && Count(updates) >= 1);
        // Silence is measured from the last piece that arrived (all arrived at the start, on this clock).
        Assert.Equal(start + TimeSpan.FromSeconds(20), clock.NextDue);
        clock.Advance(TimeSpan.FromSeconds(20));
        await pending.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Single(harness.Server.Requests);
        Assert.Equal("Merging trims small changes [1].", updates[0].Text);
        var final = updates[^1].Final!;
        Assert.False(final.FromLanguageModel);
        Assert.Equal("The language model is unavailable (timed out while streaming); these are the most relevant sentences from the papers instead.", final.Note);
    }

    private static int Count(List<Bot.Answers.AnswerUpdate> updates)
    {
        lock (updates)
        {
            return updates.Count;
        }
    }

    // Waits in real time for the loopback server and the client to reach a state; the clock never moves by itself.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(5);
        }
    }
}
