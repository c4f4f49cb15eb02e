using Bot.Answers;
using Bot.Llm;
using Bot.Store;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

public sealed class LlmStoreTests
{
    [Fact]
    public void TokenUsage_Charged_AddsUpPerScopeAndDayAndDropsMonthOldRows()
    {
        using var store = TestStore.Create();
        var usage = store.Get<TokenUsageStore>();
        var today = new DateOnly(2024, 5, 6);

        usage.Add(["user:1", "guild:9"], today.AddDays(-40), 500);
        usage.Add(["user:1", "guild:9"], today, 100);
        usage.Add(["user:1"], today, 20);

        Assert.Equal(120, usage.Used("user:1", today));
        Assert.Equal(100, usage.Used("guild:9", today));
        Assert.Equal(0, usage.Used("user:1", today.AddDays(-40)));
    }

    [Fact]
    public void Conversations_IdleForAWeek_AreForgottenWhenOthersAreSaved()
    {
        using var store = TestStore.Create();
        var conversations = store.Get<ConversationStore>();
        var answer = new Answer("TIES merges models [1].", [new Citation(1, "p1", "TIES-Merging", null)], FromLanguageModel: false, Note: null);

        conversations.Save("old", "u1", "q", answer);
        store.Clock.Advance(TimeSpan.FromDays(8));
        conversations.Save("new", "u1", "q", answer);

        Assert.Null(conversations.Last("old"));
        var kept = conversations.Last("new")!;
        Assert.Equal("TIES-Merging", Assert.Single(kept.Sources).Title);
        Assert.Equal(store.Clock.GetUtcNow(), kept.At);
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(3, 4000)]
    // The step stops at the 60 s cap and the jitter still applies there: half of it at the lowest point.
    [InlineData(10, 30_000)]
    public void RetryDelays_NoRetryAfter_DoublesFromTheBaseWithJitterAndIsCapped(int attempt, int expectedMs)
    {
        // FixedRandom(0.0): the jitter's lowest point, half the exponential step.
        var delays = new RetryDelays(new FixedRandom(0.0), TimeProvider.System, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delays.Next(attempt, new HttpRequestException("refused")));
    }
}
