using Bot.Answers;
using Bot.Store;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

/// <summary>A follow-up ("what about the second one?") resolves against the conversation's previous answer, with or without a model.</summary>
public sealed class ConversationMemoryTests : IClassFixture<SharedDigestStore>
{
    private const string Question = "how do I merge fine-tuned models without retraining?";
    private readonly SharedDigestStore _shared;

    public ConversationMemoryTests(SharedDigestStore shared) => _shared = shared;

    [Theory]
    [InlineData("what about the second one?", 2)]
    [InlineData("And the first paper?", 1)]
    [InlineData("tell me more about source 3", 3)]
    [InlineData("what does [2] measure?", 2)]
    [InlineData("and the last one", 3)]
    [InlineData("what is the first model to merge weights?", null)]
    [InlineData("what about the fifth one?", null)]
    [InlineData("which was the first paper to use diffusion models for image classification?", null)]
    [InlineData("is there a paper 2 about robotic exploration of unknown terrain?", null)]
    public void SourceReference_Phrases_NameTheRightSource(string question, int? expected)
    {
        Assert.Equal(expected, FollowUps.SourceReference(question, sources: 3));
    }

    [Fact]
    public async Task FollowUp_SourceOutOfRangeOrNoEarlierAnswer_SaysSoInsteadOfAnsweringSomethingElse()
    {
        var answers = _shared.Store.Get<AnswerService>();
        var asker = new Asker("u2", "g1", "range-thread");

        var fresh = await answers.AnswerAsync("what about the second one?", asker with { ConversationId = "empty-thread" }, CancellationToken.None);
        var first = await answers.AnswerAsync(Question, asker, CancellationToken.None);
        var tooFar = await answers.AnswerAsync("tell me more about [9]", asker, CancellationToken.None);
        var withContent = await answers.AnswerAsync("how does paper 9 handle sign conflicts when merging?", asker, CancellationToken.None);

        Assert.Empty(fresh.Sources);
        Assert.StartsWith("There is no earlier answer here to refer to", fresh.Text, StringComparison.Ordinal);
        Assert.Empty(tooFar.Sources);
        Assert.Equal($"The last answer had only {first.Sources.Count} sources: ask about [1] to [{first.Sources.Count}], or ask a new question.", tooFar.Text);
        // A real question that happens to name a number is answered as a question.
        Assert.NotEmpty(withContent.Sources);
    }

    [Fact]
    public async Task FollowUp_TheThirdThenTheFirst_BothPointIntoTheListTheUserSaw()
    {
        var answers = _shared.Store.Get<AnswerService>();
        var asker = new Asker("u3", "g1", "list-thread");

        var first = await answers.AnswerAsync(Question, asker, CancellationToken.None);
        var third = await answers.AnswerAsync("what about the third one?", asker, CancellationToken.None);
        var again = await answers.AnswerAsync("what about the first one?", asker, CancellationToken.None);

        Assert.True(first.Sources.Count >= 3);
        Assert.Equal(first.Sources[2].PaperId, Assert.Single(third.Sources).PaperId);
        Assert.Equal(first.Sources[0].PaperId, Assert.Single(again.Sources).PaperId);
    }

    [Fact]
    public void RecordQuestion_FollowUpsAndWordlessQuestions_AreNoSignalOfInterest()
    {
        var commands = _shared.Store.Get<Bot.Commands.RecommendationCommands>();
        const string User = "question-signal-user";

        commands.RecordQuestion(User, null, "what about the second one?");
        commands.RecordQuestion(User, null, "tell me more about [3]");
        commands.RecordQuestion(User, null, "\u200B🙂 ??");
        commands.RecordQuestion(User, null, "how do diffusion models distill into one step?");

        var recorded = _shared.Store.Get<Bot.Recommendations.UserSignalStore>().Profile(User, null, 10).Questions;
        Assert.Equal(["how do diffusion models distill into one step?"], recorded);
    }

    [Fact]
    public async Task FollowUp_WithoutLlm_TheSecondOneIsTheSecondSourceOfThePreviousAnswer()
    {
        var answers = _shared.Store.Get<AnswerService>();
        var asker = new Asker("u1", "g1", "extractive-thread");

        var first = await answers.AnswerAsync(Question, asker, CancellationToken.None);
        var followUp = await answers.AnswerAsync("what about the second one?", asker, CancellationToken.None);
        var elsewhere = await answers.AnswerAsync("what about the second one?", asker with { ConversationId = "another-thread" }, CancellationToken.None);

        Assert.True(first.Sources.Count >= 2);
        Assert.Equal(first.Sources[1].PaperId, Assert.Single(followUp.Sources).PaperId);
        Assert.Contains("[1]", followUp.Text, StringComparison.Ordinal);
        Assert.False(elsewhere.Sources.Count == 1 && elsewhere.Sources[0].PaperId == first.Sources[1].PaperId);
        // The list the user saw stays what "the first one" and "[3]" point at.
        var saved = _shared.Store.Get<ConversationStore>().Last("extractive-thread")!;
        Assert.Equal(first.Text, saved.Answer);
    }

    [Fact]
    public async Task FollowUp_WithLlm_IsRewrittenAgainstThePreviousAnswerAndPinsItsSource()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(
            ChatReply.Text("TIES-Merging resolves sign conflicts [1]. PCB-Merging balances parameter competition [2]."),
            ChatReply.Text("PCB-Merging parameter competition balancing results"),
            ChatReply.Text("PCB-Merging drops low-importance parameters and rescales the rest [1]."));
        var asker = LlmHarness.User(conversation: "thread-7");

        var first = await harness.Answers.AnswerAsync(Question, asker, CancellationToken.None);
        var followUp = await harness.Answers.AnswerAsync("what about the second one?", asker, CancellationToken.None);

        var requests = harness.Server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        var rewrite = requests[1];
        Assert.False(rewrite.Stream);
        Assert.Contains("Rewrite the user's follow-up as one self-contained search query", rewrite.Prompt, StringComparison.Ordinal);
        Assert.Contains("Assistant: " + first.Text, rewrite.Prompt, StringComparison.Ordinal);
        Assert.Contains($"[2] {first.Sources[1].Title}", rewrite.Prompt, StringComparison.Ordinal);
        Assert.Contains("Follow-up: what about the second one?", rewrite.Prompt, StringComparison.Ordinal);
        var answerPrompt = requests[2].Prompt;
        Assert.Contains("Question: PCB-Merging parameter competition balancing results", answerPrompt, StringComparison.Ordinal);
        Assert.Equal(first.Sources[1].Title, LlmHarness.TitleInPrompt(answerPrompt, 1));
        Assert.Equal(first.Sources[1].PaperId, followUp.Sources[0].PaperId);
    }

    [Fact]
    public async Task MentionFollowUp_InTheSameChannel_AnswersFromTheSecondSource()
    {
        await using var harness = await Bot.Tests.Discord.Interactions.InteractionHarness.StartAsync();
        var bot = Bot.Tests.Discord.Interactions.InteractionHarness.BotUserId;
        Bot.Discord.Payloads.Message Mention(string id, string text) => System.Text.Json.JsonSerializer.Deserialize($$"""
            { "id": "{{id}}", "channel_id": "1230000000000000077", "guild_id": "1210000000000000005", "content": "<@{{bot}}> {{text}}",
              "author": { "id": "1220000000000000003", "username": "ada" }, "mentions": [{ "id": "{{bot}}", "username": "digest-bot", "bot": true }] }
            """, Bot.Discord.Payloads.DiscordJsonContext.Default.Message)!;

        await harness.Mentions.HandleAsync(Mention("1400000000000000101", Question), bot, CancellationToken.None);
        harness.Store.Clock.Advance(TimeSpan.FromSeconds(5));
        await harness.Mentions.HandleAsync(Mention("1400000000000000102", "what about the second one?"), bot, CancellationToken.None);

        var replies = harness.Server.RequestsTo("POST", "/channels/1230000000000000077/messages")
            .Select(r => Bot.Tests.Discord.Interactions.InteractionHarness.Body(r).GetProperty("embeds")[0].GetProperty("fields")[0].GetProperty("value").GetString()!)
            .ToArray();
        Assert.Equal(2, replies.Length);
        var secondSource = replies[0].Split('\n')[1];
        Assert.StartsWith("**[2]**", secondSource, StringComparison.Ordinal);
        Assert.Equal(secondSource.Replace("**[2]**", "**[1]**", StringComparison.Ordinal), replies[1]);
    }

    [Fact]
    public async Task FollowUp_AfterAnHour_IsAFreshQuestion()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("TIES-Merging resolves sign conflicts [1]."));
        var asker = LlmHarness.User(conversation: "thread-8");

        await harness.Answers.AnswerAsync(Question, asker, CancellationToken.None);
        harness.Store.Clock.Advance(TimeSpan.FromHours(2));
        await harness.Answers.AnswerAsync("what about it?", asker, CancellationToken.None);

        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.All(harness.Server.Requests, r => Assert.True(r.Stream));
    }
}
