using System.Text.Json.Nodes;
using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Gateway;

/// <summary>Reconnecting: op 7, op 9, every close code, network drops, missing Hello and backoff.</summary>
public sealed class GatewayClientReconnectTests
{
    [Fact]
    public async Task Reconnect_Op7_ClosesNon1000AndResumesOnResumeUrl()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        harness.Transport.Send(GatewayOpcodes.Reconnect);
        await harness.WaitForLogAsync(2106);
        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);
        var resume = await harness.Transport.ExpectAsync(GatewayOpcodes.Resume);

        Assert.Equal(GatewayCloseCodes.ClientResume, harness.Transport.Disconnects.Single());
        Assert.StartsWith("wss://resume.test/", harness.Transport.Connections.Last().ToString());
        Assert.Equal(1, resume.D.GetProperty("seq").GetInt32());
        Assert.Equal(1, harness.Urls.Calls);
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        harness.Transport.Send(GatewayOpcodes.InvalidSession, JsonValue.Create(true));
        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);

        var resume = await harness.Transport.ExpectAsync(GatewayOpcodes.Resume);
        Assert.Equal("session-1", resume.D.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task InvalidSession_NotResumable_ClearsSessionWaitsOneToFiveSecondsAndIdentifies()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();
        var invalidatedAt = harness.Clock.GetUtcNow();

        harness.Transport.Send(GatewayOpcodes.InvalidSession, JsonValue.Create(false));
        await harness.WaitForLogAsync(2111);

        // Jitter 0.5 → 1 + 0.5 × 4 = 3 s; the session is gone before the wait.
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 2111 && e.Values.Contains("Delay=00:00:03"));
        Assert.Null(harness.Client.Session.SessionId);
        Assert.Null(harness.Client.Session.Sequence);
        Assert.Null(harness.Client.Session.ResumeUrl);
        await harness.Clock.WaitForTimersAsync(1);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(2_900));
        await Task.Delay(50);
        Assert.Equal(1, harness.Urls.Calls);

        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);
        await harness.Transport.ExpectAsync(GatewayOpcodes.Identify);
        Assert.Equal(2, harness.Urls.Calls);
        Assert.StartsWith("wss://gateway.test/", harness.Transport.Connections.Last().ToString());
        // The identify limiter also holds the second identify to 5 s after the first.
        Assert.True(harness.Clock.GetUtcNow() - invalidatedAt >= GatewayIdentifyLimiter.BucketInterval);
    }

    public static TheoryData<int, GatewayCloseAction> CloseCodeRules => new()
    {
        { 4000, GatewayCloseAction.Resume },
        { 4001, GatewayCloseAction.Resume },
        { 4002, GatewayCloseAction.Resume },
        { 4003, GatewayCloseAction.Identify },
        { 4004, GatewayCloseAction.Stop },
        { 4005, GatewayCloseAction.Resume },
        { 4007, GatewayCloseAction.Identify },
        { 4008, GatewayCloseAction.Resume },
        { 4009, GatewayCloseAction.Identify },
        { 4010, GatewayCloseAction.Stop },
        { 4011, GatewayCloseAction.Stop },
        { 4012, GatewayCloseAction.Stop },
        { 4013, GatewayCloseAction.Stop },
        { 4014, GatewayCloseAction.Stop },
        { 1001, GatewayCloseAction.Resume },
        { 4999, GatewayCloseAction.Resume },
    };

    [Theory]
    [MemberData(nameof(CloseCodeRules))]
    public async Task ServerClose_Code_FollowsTheRule(int code, GatewayCloseAction expected)
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        harness.Transport.Close(code, "closed by test");

        if (expected == GatewayCloseAction.Stop)
        {
            var rule = await harness.Run!.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(GatewayCloseAction.Stop, rule.Action);
            var error = Assert.Single(harness.Logs.Entries, e => e.EventId == 2110);
            Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
            Assert.Contains(rule.Reason, error.Message);
            Assert.Single(harness.Transport.Connections);
            return;
        }
        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);
        var op = expected == GatewayCloseAction.Resume ? GatewayOpcodes.Resume : GatewayOpcodes.Identify;
        await harness.Transport.ExpectAsync(op);
        Assert.Equal(expected == GatewayCloseAction.Resume ? 1 : 2, harness.Urls.Calls);
    }

    [Fact]
    public async Task ServerClose_4014_LogsHowToFixTheIntent()
    {
        await using var harness = new GatewayClientHarness(o => o.MessageContentIntent = true);
        await harness.ConnectReadyAsync();

        harness.Transport.Close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
        await harness.Run!.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.Single(harness.Logs.Entries, e => e.EventId == 2110);
        Assert.Contains("Developer Portal", error.Message);
        Assert.Contains("MessageContentIntent", error.Message);
    }

    [Fact]
    public async Task NetworkDrop_BeforeReady_IdentifiesAgain()
    {
        await using var harness = new GatewayClientHarness();
        harness.Start();
        await harness.Transport.WaitForConnectionsAsync(1);
        harness.Transport.Hello(41_250);
        await harness.Transport.ExpectAsync(GatewayOpcodes.Identify);

        harness.Transport.Drop();
        await harness.AdvanceUntilConnectionsAsync(2, limit: TimeSpan.FromSeconds(30));
        harness.Transport.Hello(41_250);

        await harness.Transport.ExpectAsync(GatewayOpcodes.Identify);
        // An expected network failure is one line with its reason, not a stack trace.
        var dropped = Assert.Single(harness.Logs.Entries, e => e.EventId == 2109);
        Assert.Contains("WebSocketException: fake drop", dropped.Message, StringComparison.Ordinal);
        Assert.Null(dropped.Exception);
    }

    [Fact]
    public async Task Connect_NoHelloInTime_GivesUpAndConnectsAgain()
    {
        await using var harness = new GatewayClientHarness();
        harness.Start();
        await harness.Transport.WaitForConnectionsAsync(1);
        await harness.Clock.WaitForTimersAsync(1);

        harness.Clock.Advance(GatewayClient.HandshakeTimeout - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.Empty(harness.Transport.Disconnects);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await harness.WaitForLogAsync(2120);
        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);

        await harness.Transport.ExpectAsync(GatewayOpcodes.Identify);
        Assert.Equal(GatewayCloseCodes.ClientResume, harness.Transport.Disconnects.Single());
    }

    [Fact]
    public async Task NetworkDrops_InARow_BackOffGrowsUntilReadyResetsIt()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        for (var drop = 1; drop <= 3; drop++)
        {
            harness.Transport.Drop();
            await harness.WaitForLogAsync(2111, drop);
            await harness.AdvanceUntilConnectionsAsync(drop + 1, step: TimeSpan.FromMilliseconds(250));
        }
        harness.Transport.Hello(41_250);
        await harness.Transport.ExpectAsync(GatewayOpcodes.Resume);
        harness.Transport.Dispatch("RESUMED", 2);
        await harness.WaitForLogAsync(2104);
        harness.Transport.Drop();
        await harness.WaitForLogAsync(2111, 4);

        // Jitter 0.5 gives 0.75 × 1 s, 2 s, 4 s; after Resumed the delay starts over.
        var delays = harness.Logs.Entries.Where(e => e.EventId == 2111).Select(e => e.Values).ToList();
        Assert.Contains("Delay=00:00:00.7500000", delays[0]);
        Assert.Contains("Delay=00:00:01.5000000", delays[1]);
        Assert.Contains("Delay=00:00:03", delays[2]);
        Assert.Contains("Delay=00:00:00.7500000", delays[3]);
    }
}
