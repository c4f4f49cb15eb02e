using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Discord.Gateway;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Discord.Gateway;

/// <summary>The gateway state machine against a scripted transport and a fake clock.</summary>
public sealed class GatewayClientTests
{
    [Fact]
    public async Task RunAsync_Hello_IdentifiesWithTokenIntentsShardAndProperties()
    {
        await using var harness = new GatewayClientHarness(o =>
        {
            o.ShardId = 2;
            o.ShardCount = 4;
            o.MessageContentIntent = true;
        });

        var identify = (await harness.ConnectReadyAsync()).D;

        Assert.Equal(new Uri("wss://gateway.test/?v=10&encoding=json"), harness.Transport.Connections.Single());
        Assert.Equal(GatewayClientHarness.Token, identify.GetProperty("token").GetString());
        Assert.Equal(46593, identify.GetProperty("intents").GetInt32());
        Assert.Equal([2, 4], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        var properties = identify.GetProperty("properties");
        Assert.Equal("linux", properties.GetProperty("os").GetString());
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("browser").GetString()));
        Assert.False(string.IsNullOrEmpty(properties.GetProperty("device").GetString()));
        Assert.Equal("session-1", harness.Client.Session.SessionId);
        Assert.Equal(GatewayClientHarness.ResumeUrl, harness.Client.Session.ResumeUrl);
        Assert.Equal(1, harness.Client.Session.Sequence);
    }

    [Fact]
    public async Task Heartbeat_AfterHello_FirstAtIntervalTimesJitterThenEveryIntervalWithLastSequence()
    {
        await using var harness = new GatewayClientHarness();
        harness.Start();
        await harness.Transport.WaitForConnectionsAsync(1);
        harness.Transport.Hello(41_250);
        await harness.Transport.ExpectAsync(GatewayOpcodes.Identify);

        // Jitter 0.5: the first heartbeat is due 20,625 ms after Hello, carrying null (no dispatch yet).
        harness.Clock.Advance(TimeSpan.FromMilliseconds(20_624));
        Assert.True(await harness.Transport.SendsNothingAsync(TimeSpan.FromMilliseconds(100), GatewayOpcodes.Heartbeat));
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var first = await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
        Assert.Equal(JsonValueKind.Null, first.D.ValueKind);
        Assert.Contains("\"d\":null", first.Raw);

        harness.Transport.Ack();
        harness.Transport.Ready(1, "session-1", GatewayClientHarness.ResumeUrl);
        harness.Transport.Dispatch("MESSAGE_CREATE", 2);
        await harness.Ready.NextAsync();
        await WaitForSequenceAsync(harness, 2);

        harness.Clock.Advance(TimeSpan.FromMilliseconds(41_249));
        Assert.True(await harness.Transport.SendsNothingAsync(TimeSpan.FromMilliseconds(100), GatewayOpcodes.Heartbeat));
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
        Assert.Equal(2, second.D.GetInt32());
    }

    [Fact]
    public async Task Heartbeat_ServerRequests_SentAtOnceWithSequence()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        harness.Transport.Send(GatewayOpcodes.Heartbeat);

        var heartbeat = await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
        Assert.Equal(1, heartbeat.D.GetInt32());
    }

    [Fact]
    public async Task Heartbeat_NoAckBeforeNextIsDue_ClosesNon1000AndResumesWithSessionAndSequence()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync(heartbeatMs: 1_000);
        harness.Transport.Dispatch("MESSAGE_CREATE", 2);
        await WaitForSequenceAsync(harness, 2);

        harness.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1_000));
        await harness.WaitForLogAsync(2105);

        Assert.Equal(GatewayCloseCodes.ClientResume, harness.Transport.Disconnects.Single());
        await harness.AdvanceUntilConnectionsAsync(2);
        Assert.Equal(new Uri("wss://resume.test/?v=10&encoding=json"), harness.Transport.Connections.Last());
        harness.Transport.Hello(41_250);
        var resume = await harness.Transport.ExpectAsync(GatewayOpcodes.Resume);
        Assert.Equal(GatewayClientHarness.Token, resume.D.GetProperty("token").GetString());
        Assert.Equal("session-1", resume.D.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.D.GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task Heartbeat_AckedInTime_KeepsTheConnection()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync(heartbeatMs: 1_000);

        for (var beat = 0; beat < 5; beat++)
        {
            harness.Clock.Advance(TimeSpan.FromMilliseconds(beat == 0 ? 500 : 1_000));
            await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
            harness.Transport.Ack();
            await Task.Delay(20);
        }

        Assert.Empty(harness.Transport.Disconnects);
        Assert.Single(harness.Transport.Connections);
    }

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

    [Fact]
    public async Task Dispatch_ByEventName_ReachesOnlyItsHandlersInOrderAndTracksSequence()
    {
        var messages = new RecordingEventHandler("MESSAGE_CREATE");
        var interactions = new RecordingEventHandler("INTERACTION_CREATE");
        await using var harness = new GatewayClientHarness(handlers: [messages, interactions]);
        await harness.ConnectReadyAsync();

        harness.Transport.Dispatch("MESSAGE_CREATE", 2, new JsonObject { ["content"] = "a" });
        harness.Transport.Dispatch("TYPING_START", 3);
        harness.Transport.Dispatch("INTERACTION_CREATE", 4, new JsonObject { ["id"] = "9" });
        harness.Transport.Dispatch("MESSAGE_CREATE", 5, new JsonObject { ["content"] = "b" });

        var first = await messages.NextAsync();
        var second = await messages.NextAsync();
        var interaction = await interactions.NextAsync();
        Assert.Equal(("a", 2), (first.Data.GetProperty("content").GetString(), first.Sequence));
        Assert.Equal(("b", 5), (second.Data.GetProperty("content").GetString(), second.Sequence));
        Assert.Equal("9", interaction.Data.GetProperty("id").GetString());
        Assert.Single(interactions.Events);
        Assert.Equal(5, harness.Client.Session.Sequence);
    }

    [Fact]
    public async Task Dispatch_SequenceAlreadySeen_IsNotDeliveredTwice()
    {
        var messages = new RecordingEventHandler("MESSAGE_CREATE");
        await using var harness = new GatewayClientHarness(handlers: [messages]);
        await harness.ConnectReadyAsync();

        harness.Transport.Dispatch("MESSAGE_CREATE", 2);
        harness.Transport.Dispatch("MESSAGE_CREATE", 2);
        harness.Transport.Dispatch("MESSAGE_CREATE", 3);
        await messages.WaitForCountAsync(2, TimeSpan.FromSeconds(5));
        await Task.Delay(50);

        Assert.Equal([2, 3], messages.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Dispatch_HandlerThrows_LoggedAndConnectionCarriesOn()
    {
        var failing = new RecordingEventHandler("MESSAGE_CREATE", throws: true);
        var alsoListening = new RecordingEventHandler("MESSAGE_CREATE");
        await using var harness = new GatewayClientHarness(handlers: [failing, alsoListening]);
        await harness.ConnectReadyAsync();

        harness.Transport.Dispatch("MESSAGE_CREATE", 2);
        harness.Transport.Dispatch("MESSAGE_CREATE", 3);
        await alsoListening.WaitForCountAsync(2, TimeSpan.FromSeconds(5));
        harness.Transport.Send(GatewayOpcodes.Heartbeat);
        var heartbeat = await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);

        Assert.Equal(2, failing.Events.Count);
        Assert.Equal(2, alsoListening.Events.Count);
        Assert.Equal(3, heartbeat.D.GetInt32());
        Assert.Equal(2, harness.Logs.Entries.Count(e => e.EventId == 2112));
        Assert.Empty(harness.Transport.Disconnects);
    }

    [Fact]
    public async Task Logs_AcrossIdentifyResumeZombieAndFatalClose_NeverContainTheToken()
    {
        await using var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync(heartbeatMs: 1_000);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(500));
        await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1_000));
        await harness.AdvanceUntilConnectionsAsync(2);
        harness.Transport.Hello(41_250);
        await harness.Transport.ExpectAsync(GatewayOpcodes.Resume);
        harness.Transport.Close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
        await harness.Run!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(harness.Logs.Entries, e => e.EventId == 2101);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 2102);
        Assert.DoesNotContain(GatewayClientHarness.Token, harness.Logs.AllText());
        Assert.DoesNotContain("abc123", harness.Logs.AllText());
    }

    [Fact]
    public async Task RunAsync_Cancelled_ClosesWith1000()
    {
        var harness = new GatewayClientHarness();
        await harness.ConnectReadyAsync();

        await harness.DisposeAsync();

        Assert.Equal(GatewayCloseCodes.NormalClosure, harness.Transport.Disconnects.Single());
        Assert.True(harness.Run!.IsCanceled);
    }

    private static async Task WaitForSequenceAsync(GatewayClientHarness harness, int sequence)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (harness.Client.Session.Sequence != sequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        Assert.Equal(sequence, harness.Client.Session.Sequence);
    }
}
