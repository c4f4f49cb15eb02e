using System.Text.Json;
using Bot.Discord.Payloads;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Discord.Rest;

/// <summary>The REST calls daily posts make: open a DM, start a thread, edit a message, read recent messages.</summary>
public sealed class DiscordRestDmThreadTests
{
    private const string DmChannel = """{"id": "1300000000000000001", "type": 1, "last_message_id": null, "recipients": [{"id": "1220000000000000003", "username": "ada"}]}""";
    private const string Thread = """{"id": "1100000000000000077", "type": 11, "guild_id": "1210000000000000005", "parent_id": "200", "name": "Papers for 2024-05-06"}""";
    private const string MessageBody = """{"id": "1100000000000000077", "channel_id": "200", "author": {"id": "9", "username": "bot"}, "content": "edited"}""";

    [Fact]
    public async Task CreateDm_Recipient_PostsTheRecipientIdAndReadsTheDmChannel()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/users/@me/channels", ScriptedResponse.Json(200, DmChannel));

        var channel = await h.Client.CreateDmAsync("1220000000000000003");

        Assert.Equal("1300000000000000001", channel.Id);
        Assert.Equal(ChannelType.Dm, channel.Type);
        var request = Assert.Single(h.Server.RequestsTo("POST", "/users/@me/channels"));
        Assert.Equal("""{"recipient_id":"1220000000000000003"}""", request.Body);
        Assert.Equal("Bot " + RestHarness.Token, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartThreadFromMessage_NameAndArchive_PostsThemAndReadsTheThread()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages/1100000000000000077/threads", ScriptedResponse.Json(201, Thread));

        var thread = await h.Client.StartThreadFromMessageAsync("200", "1100000000000000077", new StartThread("Papers for 2024-05-06", 1440));

        Assert.Equal(ChannelType.PublicThread, thread.Type);
        Assert.Equal("Papers for 2024-05-06", thread.Name);
        var body = JsonDocument.Parse(Assert.Single(h.Server.Requests).Body).RootElement;
        Assert.Equal("Papers for 2024-05-06", body.GetProperty("name").GetString());
        Assert.Equal(1440, body.GetProperty("auto_archive_duration").GetInt32());
    }

    [Fact]
    public async Task EditMessage_NewContent_PatchesWithNoMentionsAndNoReply()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("PATCH", "/channels/200/messages/1100000000000000077", ScriptedResponse.Json(200, MessageBody));

        var message = await h.Client.EditMessageAsync("200", "1100000000000000077",
            new MessageCreate("edited @everyone", MessageReference: new MessageReference("1")));

        Assert.Equal("edited", message.Content);
        var body = JsonDocument.Parse(Assert.Single(h.Server.RequestsTo("PATCH", "/channels/200/messages/1100000000000000077")).Body).RootElement;
        Assert.Equal("edited @everyone", body.GetProperty("content").GetString());
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(body.TryGetProperty("message_reference", out _));
    }

    [Fact]
    public async Task EditMessage_UnknownMessage_ThrowsWithDiscordsCode()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("PATCH", "/channels/200/messages/5", ScriptedResponse.Error(404, 10008, "Unknown Message"));

        var error = await Assert.ThrowsAsync<Bot.Discord.Rest.DiscordApiException>(() => h.Client.EditMessageAsync("200", "5", new MessageCreate("x")));

        Assert.Equal(10008, error.Code);
    }

    [Fact]
    public async Task GetMessagesAfter_Snowflake_SendsAfterAndLimitAndReadsTheMessages()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "/channels/200/messages", ScriptedResponse.Json(200, "[" + MessageBody + "]"));

        var messages = await h.Client.GetMessagesAfterAsync("200", "1234", 500);

        Assert.Equal("edited", Assert.Single(messages).Content);
        Assert.Equal("?after=1234&limit=100", Assert.Single(h.Server.Requests).Query);
    }
}
