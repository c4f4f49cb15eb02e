using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Gateway;

/// <summary>One golden JSON fixture per gateway payload type: what we send matches it field for field; what we receive parses from it.</summary>
public sealed class GatewayPayloadFixtureTests
{
    private static readonly GatewayJsonContext Json = GatewayJsonContext.Default;

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Discord", "Gateway", "Fixtures", name));

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    [Fact]
    public void IdentifyData_Serialized_MatchesFixture()
    {
        var identify = new IdentifyData("fixture-token", new IdentifyProperties("linux", "research-digest-bot", "research-digest-bot"),
            GatewayIntents.Guilds | GatewayIntents.GuildMessages | GatewayIntents.GuildMessageReactions
            | GatewayIntents.DirectMessages | GatewayIntents.DirectMessageReactions | GatewayIntents.MessageContent, [0, 1]);

        AssertSameJson(Fixture("identify.json"), JsonSerializer.Serialize(identify, Json.IdentifyData));
    }

    [Fact]
    public void ResumeData_Serialized_MatchesFixture() =>
        AssertSameJson(Fixture("resume.json"), JsonSerializer.Serialize(new ResumeData("fixture-token", "d4c0ffee", 1337), Json.ResumeData));

    [Fact]
    public void GatewayPayload_HeartbeatWithoutSequence_MatchesFixtureWithExplicitNull() =>
        AssertSameJson(Fixture("heartbeat.json"), JsonSerializer.Serialize(new GatewayPayload(1, null, null, null), Json.GatewayPayload));

    [Fact]
    public void GatewayPayload_Dispatch_ParsesAndRoundTrips()
    {
        var payload = JsonSerializer.Deserialize(Fixture("dispatch.json"), Json.GatewayPayload)!;

        Assert.Equal((0, 7, "MESSAGE_CREATE"), (payload.Op, payload.S, payload.T));
        Assert.Equal("hello", payload.D!.Value.GetProperty("content").GetString());
        AssertSameJson(Fixture("dispatch.json"), JsonSerializer.Serialize(payload, Json.GatewayPayload));
    }

    [Fact]
    public void HelloData_FromFixture_HasInterval()
    {
        var payload = JsonSerializer.Deserialize(Fixture("hello.json"), Json.GatewayPayload)!;

        Assert.Equal(GatewayOpcodes.Hello, payload.Op);
        Assert.Null(payload.S);
        Assert.Equal(41250, payload.D!.Value.Deserialize(Json.HelloData)!.HeartbeatInterval);
        AssertSameJson("""{"heartbeat_interval":41250}""", JsonSerializer.Serialize(new HelloData(41250), Json.HelloData));
    }

    [Fact]
    public void ReadyData_FromFixture_HasSessionResumeUrlUserAndApplication()
    {
        var ready = JsonSerializer.Deserialize(Fixture("ready.json"), Json.ReadyData)!;

        Assert.Equal(10, ready.V);
        Assert.Equal("d4c0ffee", ready.SessionId);
        Assert.Equal("wss://gateway-us-east1-b.discord.gg", ready.ResumeGatewayUrl);
        Assert.Equal(("80351110224678912", "digest-bot"), (ready.User.Id, ready.User.Username));
        Assert.Equal("80351110224678913", ready.Application.Id);
        Assert.Equal([0, 1], ready.Shard!);
    }

    [Fact]
    public void GatewayInfo_FromFixture_HasUrlAndSessionStartLimit()
    {
        var info = JsonSerializer.Deserialize(Fixture("gateway-bot.json"), Json.GatewayInfo)!;

        Assert.Equal("wss://gateway.discord.gg", info.Url);
        Assert.Equal(1, info.Shards);
        Assert.Equal(new SessionStartLimit(1000, 999, 14_400_000, 1), info.SessionStartLimit);
        AssertSameJson(Fixture("gateway-bot.json"), JsonSerializer.Serialize(info, Json.GatewayInfo));
    }

    [Fact]
    public void ToString_IdentifyAndResume_HideTheToken()
    {
        var identify = new IdentifyData("fixture-token", new IdentifyProperties("linux", "b", "d"), GatewayIntents.Guilds, [0, 1]);
        var resume = new ResumeData("fixture-token", "s", 1);

        Assert.DoesNotContain("fixture-token", identify.ToString());
        Assert.DoesNotContain("fixture-token", resume.ToString());
        Assert.DoesNotContain("fixture-token", $"{identify} {resume}");
    }
}
