using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Gateway;

/// <summary>Identify and heartbeats: the handshake, the heartbeat schedule, ACK tracking and zombie detection.</summary>
public sealed class GatewayClientHeartbeatTests
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
        await harness.WaitForSequenceAsync(2);

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
        await harness.WaitForSequenceAsync(2);

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
            // Move the clock only once the loop has armed its next wait and the client has read the ACK:
            // on a busy machine a fixed sleep was sometimes too short, and the advance passed unseen.
            await harness.Clock.WaitForTimersAsync(1);
            harness.Clock.Advance(TimeSpan.FromMilliseconds(beat == 0 ? 500 : 1_000));
            await harness.Transport.ExpectAsync(GatewayOpcodes.Heartbeat);
            harness.Transport.Ack();
            await harness.Transport.WaitUntilHandledAsync();
        }

        Assert.Empty(harness.Transport.Disconnects);
        Assert.Single(harness.Transport.Connections);
    }
}
