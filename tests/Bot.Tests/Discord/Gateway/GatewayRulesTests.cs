using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Discord.Gateway;

/// <summary>The small pure pieces: intents, close-code table, backoff, send and identify limits.</summary>
public sealed class GatewayRulesTests
{
    [Fact]
    public void FromOptions_WithoutMessageContent_IsGuildsMessagesAndReactions()
    {
        var intents = GatewayIntentsExtensions.FromOptions(new DiscordOptions());

        // 1 + 512 + 1024 + 4096 + 8192 (Gateway docs, "List of Intents").
        Assert.Equal(13825, (int)intents);
        Assert.False(intents.HasFlag(GatewayIntents.MessageContent));
    }

    [Fact]
    public void FromOptions_MessageContentOn_AddsBit15()
    {
        var intents = GatewayIntentsExtensions.FromOptions(new DiscordOptions { MessageContentIntent = true });

        Assert.Equal(13825 + 32768, (int)intents);
    }

    [Theory]
    [InlineData(null, GatewayCloseAction.Resume)]
    [InlineData(1006, GatewayCloseAction.Resume)]
    [InlineData(4003, GatewayCloseAction.Identify)]
    [InlineData(4004, GatewayCloseAction.Stop)]
    [InlineData(4007, GatewayCloseAction.Identify)]
    [InlineData(4008, GatewayCloseAction.Resume)]
    [InlineData(4009, GatewayCloseAction.Identify)]
    [InlineData(4014, GatewayCloseAction.Stop)]
    public void Classify_Code_GivesTheDocumentedAction(int? code, GatewayCloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code).Action);

    [Fact]
    public void ClientResume_IsNot1000Or1001_SoTheSessionSurvives() =>
        Assert.DoesNotContain(GatewayCloseCodes.ClientResume, new[] { 1000, 1001 });

    [Fact]
    public void Next_RepeatedFailures_DoublesFromOneSecondAndCapsAtSixty()
    {
        var backoff = new ReconnectBackoff(new FixedRandom(0.999999));

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60], delays.Select(d => Math.Round(d)));
        Assert.All(delays, d => Assert.True(d <= 60));
    }

    [Fact]
    public void Next_Jitter_StaysBetweenHalfAndAllOfTheStep()
    {
        var backoff = new ReconnectBackoff(new Random(7));

        for (var step = 0; step < 10; step++)
        {
            var full = Math.Min(60, Math.Pow(2, step));
            var delay = backoff.Next().TotalSeconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsAgainAtOneSecond()
    {
        var backoff = new ReconnectBackoff(new FixedRandom(0.999999));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(1, Math.Round(backoff.Next().TotalSeconds));
    }

    [Fact]
    public async Task WaitAsync_OrdinaryEventsOverBudget_WaitForTheWindowWhileHeartbeatsPass()
    {
        var clock = new FakeClock();
        var limiter = new GatewaySendLimiter(clock);
        var ordinary = GatewaySendLimiter.Limit - GatewaySendLimiter.ReservedForHeartbeats;
        for (var i = 0; i < ordinary; i++)
        {
            Assert.True(limiter.WaitAsync(heartbeat: false, CancellationToken.None).IsCompletedSuccessfully);
        }

        var blocked = limiter.WaitAsync(heartbeat: false, CancellationToken.None).AsTask();
        var heartbeats = Enumerable.Range(0, GatewaySendLimiter.ReservedForHeartbeats)
            .Select(_ => limiter.WaitAsync(heartbeat: true, CancellationToken.None).IsCompletedSuccessfully).ToList();
        var heartbeatOverLimit = limiter.WaitAsync(heartbeat: true, CancellationToken.None).AsTask();

        Assert.False(blocked.IsCompleted);
        Assert.All(heartbeats, Assert.True);
        Assert.False(heartbeatOverLimit.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(59.999));
        Assert.False(blocked.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        await heartbeatOverLimit.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_121stEventIn60Seconds_Waits()
    {
        var clock = new FakeClock();
        var limiter = new GatewaySendLimiter(clock);
        for (var i = 0; i < GatewaySendLimiter.Limit; i++)
        {
            Assert.True(limiter.WaitAsync(heartbeat: i >= GatewaySendLimiter.Limit - GatewaySendLimiter.ReservedForHeartbeats, CancellationToken.None).IsCompletedSuccessfully);
        }

        var ordinary = limiter.WaitAsync(heartbeat: false, CancellationToken.None).AsTask();
        var heartbeat = limiter.WaitAsync(heartbeat: true, CancellationToken.None).AsTask();

        Assert.False(ordinary.IsCompleted);
        Assert.False(heartbeat.IsCompleted);
        clock.Advance(GatewaySendLimiter.Window);
        await Task.WhenAll(ordinary, heartbeat).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Reserve_SameBucket_OnePerFiveSeconds()
    {
        var clock = new FakeClock();
        var limiter = new GatewayIdentifyLimiter(clock);
        var limit = new SessionStartLimit(1000, 999, 0, 1);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve(0, limit));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Reserve(0, limit));
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.Reserve(1, limit));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve(0, limit));
    }

    [Fact]
    public void Reserve_MaxConcurrency_ShardsInOtherBucketsGoTogether()
    {
        var limiter = new GatewayIdentifyLimiter(new FakeClock());
        var limit = new SessionStartLimit(1000, 999, 0, 16);

        Assert.All(Enumerable.Range(0, 16), shard => Assert.Equal(TimeSpan.Zero, limiter.Reserve(shard, limit)));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Reserve(16, limit));
    }

    [Fact]
    public void Reserve_NoIdentifiesRemaining_WaitsForResetAfter()
    {
        var limiter = new GatewayIdentifyLimiter(new FakeClock());

        var wait = limiter.Reserve(0, new SessionStartLimit(1000, 0, 3_600_000, 1));

        Assert.Equal(TimeSpan.FromHours(1), wait);
    }
}
