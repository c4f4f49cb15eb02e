using Bot.Answers;
using Bot.Llm;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

/// <summary>Daily token budgets per user and per server, counted in the store from the usage the server reports.</summary>
public sealed class TokenBudgetTests
{
    private const string Question = "how do I merge fine-tuned models without retraining?";
    private static readonly ChatReply Reply = ChatReply.Text("Merging trims small changes [1].", usage: (100, 60));

    [Fact]
    public async Task Answer_UserBudgetSpent_RefusesKindlyAndStillAnswersExtractively()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "150" });
        harness.Server.Script(Reply);

        var first = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        var second = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.True(first.FromLanguageModel);
        Assert.Equal(160, harness.Store.Get<TokenBudget>().UsedToday(LlmHarness.User().UserId));
        Assert.Single(harness.Server.Requests);
        Assert.False(second.FromLanguageModel);
        Assert.Contains("[1]", second.Text, StringComparison.Ordinal);
        Assert.Equal("You have used today's language-model budget (150 tokens); it renews at 2024-05-07 00:00 UTC. Here are the most relevant sentences from the papers instead.", second.Note);
    }

    [Fact]
    public async Task Answer_AfterMidnightUtc_TheBudgetIsFreshAgain()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "150" });
        harness.Server.Script(Reply);
        harness.Store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 23, 59, 0, TimeSpan.Zero));

        await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        var lateSameDay = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);
        harness.Store.Clock.Advance(TimeSpan.FromSeconds(61));
        var nextDay = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.False(lateSameDay.FromLanguageModel);
        Assert.True(nextDay.FromLanguageModel);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Answer_GuildBudgetSpent_RefusesEveryoneInThatServerOnly()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Bot:Llm:UserTokensPerDay"] = "0",
            ["Bot:Llm:GuildTokensPerDay"] = "150",
        });
        harness.Server.Script(Reply);

        await harness.Answers.AnswerAsync(Question, LlmHarness.User("u1", "g1", "c1"), CancellationToken.None);
        var sameServer = await harness.Answers.AnswerAsync(Question, LlmHarness.User("u2", "g1", "c2"), CancellationToken.None);
        var otherServer = await harness.Answers.AnswerAsync(Question, LlmHarness.User("u2", "g2", "c3"), CancellationToken.None);
        var directMessage = await harness.Answers.AnswerAsync(Question, LlmHarness.User("u2", null, "c4"), CancellationToken.None);

        Assert.StartsWith("This server has used today's language-model budget (150 tokens)", sameServer.Note, StringComparison.Ordinal);
        Assert.True(otherServer.FromLanguageModel);
        Assert.True(directMessage.FromLanguageModel);
        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Answer_ServerReportsNoUsage_ChargesAnEstimate()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Merging trims small changes [1]."));

        await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        var prompt = Assert.Single(harness.Server.Requests).Prompt;
        // Estimated from the prompt's parts before it is rendered: within a few percent of the text sent.
        var expected = TokenEstimate.Of(prompt) + TokenEstimate.Of("Merging trims small changes [1].");
        Assert.InRange(harness.Store.Get<TokenBudget>().UsedToday(LlmHarness.User().UserId), expected * 0.95, expected * 1.05);
    }

    [Fact]
    public async Task Answer_TwoInFlightForOneUser_TheSecondIsRefusedWhileTheFirstHoldsTheBudget()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "150" });
        harness.Server.Script(Reply);
        using var firstStreaming = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        // The first request stops before its first chunk until the second has been decided.
        harness.Server.BeforeChunk = i =>
        {
            if (i == 0 && !firstStreaming.IsSet)
            {
                firstStreaming.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };

        var first = Task.Run(() => harness.Answers.AnswerAsync(Question, LlmHarness.User(conversation: "c1"), CancellationToken.None));
        Assert.True(firstStreaming.Wait(TimeSpan.FromSeconds(30)));
        var second = await harness.Answers.AnswerAsync(Question, LlmHarness.User(conversation: "c2"), CancellationToken.None);
        release.Set();
        var firstAnswer = await first;

        Assert.True(firstAnswer.FromLanguageModel);
        Assert.False(second.FromLanguageModel);
        Assert.StartsWith("You have used today's language-model budget", second.Note, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests);
        // The reservation is settled to what the server reported.
        Assert.Equal(160, harness.Store.Get<TokenBudget>().UsedToday(LlmHarness.User().UserId));
    }

    [Fact]
    public async Task Answer_CrossingMidnightInTheBudgetZone_ChargedToTheDayItStartedAndRenewalSaidInUtc()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Bot:Llm:UserTokensPerDay"] = "150",
            ["Bot:Llm:BudgetTimeZone"] = "Asia/Tokyo",
        });
        harness.Server.Script(Reply);
        // 23:59 in Tokyo (UTC+9); the answer streams across local midnight.
        harness.Store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 14, 59, 0, TimeSpan.Zero));
        harness.Store.Get<Bot.Store.TokenUsageStore>().Add(["user:late"], new DateOnly(2024, 5, 6), 500);
        var spent = await harness.Answers.AnswerAsync(Question, LlmHarness.User("late", null, "c9"), CancellationToken.None);
        harness.Server.BeforeChunk = i =>
        {
            if (i == 0)
            {
                harness.Store.Clock.Advance(TimeSpan.FromMinutes(2));
            }
        };

        var answer = await harness.Answers.AnswerAsync(Question, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("You have used today's language-model budget (150 tokens); it renews at 2024-05-06 15:00 UTC. Here are the most relevant sentences from the papers instead.", spent.Note);
        Assert.True(answer.FromLanguageModel);
        var usage = harness.Store.Get<Bot.Store.TokenUsageStore>();
        Assert.Equal(160, usage.Used("user:u1", new DateOnly(2024, 5, 6)));
        Assert.Equal(0, usage.Used("user:u1", new DateOnly(2024, 5, 7)));
        Assert.Equal(0, harness.Store.Get<TokenBudget>().UsedToday(LlmHarness.User().UserId));
    }

    [Fact]
    public async Task Settle_UserForgottenWhileTheRequestWasInFlight_NoRowNamesThemAndTheSpendIsStillCounted()
    {
        const string User = "1220000000000000044";
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "100000" });
        harness.Store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero));
        var budget = harness.Store.Get<TokenBudget>();
        var asker = LlmHarness.User(User);

        var reservation = budget.Reserve(asker.UserId, asker.GuildId);
        harness.Store.Get<Bot.Commands.RecommendationCommands>().ForgetMe(User);
        budget.Settle(reservation, 160);

        using var probe = harness.Store.OpenRaw();
        Assert.Null(reservation.Refusal);
        Assert.True(reservation.Reserved > 160);
        Assert.Empty(StoreProbe.ColumnsMentioning(probe, User));
        Assert.Equal(160, budget.UsedToday(asker.UserId));
    }

    [Fact]
    public async Task Answer_UserSpentTheBudgetThenForgetMe_StillRefusedTodayNoRowNamesThemAndFreshTomorrow()
    {
        const string User = "1220000000000000042";
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "150" });
        harness.Server.Script(Reply);
        harness.Store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero));
        // An older day's row too: only the latest can still be today.
        harness.Store.Get<Bot.Store.TokenUsageStore>().Add(["user:" + User], new DateOnly(2024, 5, 5), 90);
        var spent = await harness.Answers.AnswerAsync(Question, LlmHarness.User(User), CancellationToken.None);

        harness.Store.Get<Bot.Commands.RecommendationCommands>().ForgetMe(User);
        var sameDay = await harness.Answers.AnswerAsync(Question, LlmHarness.User(User, conversation: "c2"), CancellationToken.None);
        // Forgetting twice the same day keeps what was left, not just the second day's nothing.
        harness.Store.Get<Bot.Commands.RecommendationCommands>().ForgetMe(User);
        var sameDayAgain = await harness.Answers.AnswerAsync(Question, LlmHarness.User(User, conversation: "c3"), CancellationToken.None);
        using (var probe = harness.Store.OpenRaw())
        {
            harness.Store.Get<Bot.Commands.RecommendationCommands>().ForgetMe(User);
            Assert.Empty(StoreProbe.ColumnsMentioning(probe, User));
            Assert.Equal(0L, StoreProbe.Scalar<long>(probe, "SELECT count(*) FROM llm_usage WHERE scope LIKE 'forgotten:%' AND day < '2024-05-06'"));
        }
        harness.Store.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 7, 0, 1, 0, TimeSpan.Zero));
        var nextDay = await harness.Answers.AnswerAsync(Question, LlmHarness.User(User, conversation: "c4"), CancellationToken.None);

        Assert.True(spent.FromLanguageModel);
        Assert.False(sameDay.FromLanguageModel);
        Assert.StartsWith("You have used today's language-model budget", sameDay.Note, StringComparison.Ordinal);
        Assert.False(sameDayAgain.FromLanguageModel);
        Assert.True(nextDay.FromLanguageModel);
        Assert.Equal(2, harness.Server.Requests.Count);
        // Someone else is not charged with what the forgotten user spent.
        Assert.Equal(0, harness.Store.Get<TokenBudget>().UsedToday("1220000000000000043"));
    }
}
