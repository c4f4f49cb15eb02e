using Bot.Answers;
using Bot.Llm;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Llm.Fakes;

namespace Bot.Tests.Llm;

/// <summary>A model that does not stop: every answer still ends, within its time and length caps, with the extractive answer standing in.</summary>
public sealed class LlmRunawayTests
{
    private const string Question = "how do I merge fine-tuned models without retraining?";

    [Fact]
    public async Task Answer_StreamNeverEnds_IsCutAtTheCharacterCapChargedAndAnsweredExtractively()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxAnswerCharacters"] = "2000", ["Bot:Llm:MaxAnswerTokens"] = "100" });
        harness.Server.Script(ChatReply.Endless("Merging trims small changes [1]. "));

        var answer = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(harness.Server.Requests);
        Assert.False(answer.FromLanguageModel);
        Assert.Equal("The language model did not answer (it wrote more than 2000 characters); these are the most relevant sentences from the papers instead.", answer.Note);
        // What it streamed before the cut was the model's work all the same.
        Assert.True(harness.Store.Get<TokenBudget>().UsedToday(LlmHarness.User().UserId) >= 2000 / TokenEstimate.CharactersPerToken);
    }

    [Fact]
    public async Task Answer_StreamSendsOnlyEmptyKeepAlivesForever_IsCutAtTheTimeCapOnTheClock()
    {
        var clock = new FakeClock();
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Bot:Llm:MaxAnswerSeconds"] = "30",
            ["Bot:Llm:TimeoutSeconds"] = "60",
        }, clock);
        // Each empty piece restarts the silence timeout, so only the answer's own cap can end it.
        harness.Server.Script(ChatReply.Endless("", TimeSpan.FromMilliseconds(5)));
        var start = clock.GetUtcNow();

        var pending = harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1 && clock.NextDue == start + TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(30));
        var answer = await pending.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Single(harness.Server.Requests);
        Assert.False(answer.FromLanguageModel);
        Assert.Equal("The language model did not answer (it took longer than 30 s); these are the most relevant sentences from the papers instead.", answer.Note);
    }

    [Fact]
    public async Task Answer_OneHugeChunkWithoutASentenceEnd_IsCutAndNoneOfItIsShown()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxAnswerCharacters"] = "4000", ["Bot:Llm:MaxAnswerTokens"] = "100" });
        harness.Server.Script(ChatReply.Chunked([string.Concat(Enumerable.Repeat("merging trims small changes [1] ", 20_000))]));
        var updates = new List<AnswerUpdate>();

        await foreach (var update in harness.Answers.StreamAsync(Question, LlmHarness.User(), CancellationToken.None))
        {
            updates.Add(update);
        }

        var final = updates[^1].Final!;
        Assert.False(final.FromLanguageModel);
        Assert.Equal("The language model did not answer (it wrote more than 4000 characters); these are the most relevant sentences from the papers instead.", final.Note);
        Assert.DoesNotContain(updates, u => u.Text.Contains("merging trims small changes", StringComparison.Ordinal));
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
