using System.Text.Json.Nodes;
using Bot.Discord.Gateway;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Discord.Gateway;

/// <summary>Dispatches: routing by event name, sequence tracking, failing handlers, token-free logs and shutdown.</summary>
public sealed class GatewayClientDispatchTests
{
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
}
