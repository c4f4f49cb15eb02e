using System.Net;
using System.Text.Json.Nodes;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Tests.Discord.Fakes;

namespace Bot.Tests.Discord.Rest;

public sealed class DiscordRestClientTests
{
    private const string GatewayBody = """{"url": "wss://gateway.discord.gg", "shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}}""";
    private const string MessageBody = """{"id": "1100", "channel_id": "200", "author": {"id": "9", "username": "bot"}, "content": "hi"}""";

    [Fact]
    public async Task GetGatewayBot_BotRoute_SendsBotTokenAndUserAgent()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "/gateway/bot", ScriptedResponse.Json(200, GatewayBody));

        var gateway = await h.Client.GetGatewayBotAsync();

        Assert.Equal("wss://gateway.discord.gg", gateway.Url);
        Assert.Equal(14400000, gateway.SessionStartLimit.ResetAfter);
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("Bot " + RestHarness.Token, request.Header("Authorization"));
        Assert.StartsWith("DiscordBot (https://", request.Header("User-Agent"));
    }

    [Fact]
    public async Task SendAsync_BucketExhausted_NextRequestOnRouteWaitsUntilResetWhileOtherRouteProceeds()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.WithBucket(MessageBody, "abcd1234", limit: 5, remaining: 0, resetAfter: "2.5"));
        var start = h.Clock.GetUtcNow();

        await h.Client.CreateMessageAsync("200", new MessageCreate("first"));
        var second = h.Client.CreateMessageAsync("200", new MessageCreate("second"));
        await h.Clock.WaitForTimersAsync();
        await h.Client.GetGatewayBotAsync();
        Assert.False(second.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await second;

        var posts = h.Server.RequestsTo("POST", "/channels/200/messages");
        Assert.Equal([start, start + TimeSpan.FromSeconds(2.5)], posts.Select(r => r.ReceivedAt));
        Assert.Equal(start, Assert.Single(h.Server.RequestsTo("GET", "/gateway/bot")).ReceivedAt);
    }

    [Fact]
    public async Task SendAsync_BucketExhaustedOnOtherChannel_DoesNotWait()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.WithBucket(MessageBody, "abcd1234", limit: 5, remaining: 0, resetAfter: "30"));

        await h.Client.CreateMessageAsync("200", new MessageCreate("first"));
        await h.Client.CreateMessageAsync("201", new MessageCreate("other channel, same bucket name"));

        Assert.All(h.Server.Requests, r => Assert.Equal(h.Clock.GetUtcNow(), r.ReceivedAt));
    }

    [Fact]
    public async Task SendAsync_Global429_BlocksAllRoutesForRetryAfter()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.RateLimited("1.5", global: true, scope: "global"), ScriptedResponse.Json(200, MessageBody));
        var start = h.Clock.GetUtcNow();

        var limited = h.Client.CreateMessageAsync("200", new MessageCreate("hi"));
        await h.Clock.WaitForTimersAsync();
        var other = h.Client.GetGatewayBotAsync();
        await h.Clock.WaitForTimersAsync(2);
        Assert.False(other.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(1.5));
        await Task.WhenAll(limited, other);

        var after = start + TimeSpan.FromSeconds(1.5);
        Assert.Equal([start, after], h.Server.RequestsTo("POST", "/channels/200/messages").Select(r => r.ReceivedAt));
        Assert.Equal(after, Assert.Single(h.Server.RequestsTo("GET", "/gateway/bot")).ReceivedAt);
    }

    [Fact]
    public async Task SendAsync_Route429_RetriedExactlyOnceAfterFractionalRetryAfter()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.RateLimited("0.75", global: false), ScriptedResponse.Json(200, MessageBody));
        var start = h.Clock.GetUtcNow();

        var message = await h.Clock.RunAsync(h.Client.CreateMessageAsync("200", new MessageCreate("hi")));

        Assert.Equal("1100", message.Id);
        Assert.Equal([start, start + TimeSpan.FromSeconds(0.75)], h.Server.RequestsTo("POST", "/channels/200/messages").Select(r => r.ReceivedAt));
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriesAfterBackoff()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "/gateway/bot", ScriptedResponse.Json(502, "<html>bad gateway</html>"), ScriptedResponse.Json(200, GatewayBody));
        var start = h.Clock.GetUtcNow();

        await h.Clock.RunAsync(h.Client.GetGatewayBotAsync());

        // First backoff: 1 s base times the fixed jitter factor 0.5.
        Assert.Equal([start, start + TimeSpan.FromSeconds(0.5)], h.Server.Requests.Select(r => r.ReceivedAt));
    }

    [Fact]
    public async Task SendAsync_ServerErrorsPersist_BacksOffExponentiallyThenThrows()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "/gateway/bot", ScriptedResponse.Error(503, 0, "upstream unavailable"));
        var start = h.Clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Clock.RunAsync(h.Client.GetGatewayBotAsync()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("GET /gateway/bot", error.Message);
        var offsets = h.Server.Requests.Select(r => (r.ReceivedAt - start).TotalSeconds);
        Assert.Equal([0, 0.5, 1.5, 3.5], offsets);
    }

    [Fact]
    public async Task SendAsync_ClientError_ThrowsCodeMessageAndErrorsWithoutRetry()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.Error(400, 50035, "Invalid Form Body",
            """{"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}"""));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync("200", new MessageCreate("hi")));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(50035, error.Code);
        Assert.Equal("Invalid Form Body", error.DiscordMessage);
        Assert.Equal("content: Must be 2000 or fewer in length.", error.ErrorSummary);
        Assert.Contains("POST /channels/{channel_id}/messages", error.Message);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task SendAsync_Unauthorized_TokensNeverInExceptionsOrLogs()
    {
        await using var h = await RestHarness.StartAsync();
        const string interactionToken = "aW50ZXJhY3Rpb246c2VjcmV0";
        h.Server.Script("GET", "/applications/@me", ScriptedResponse.Error(401, 0, "401: Unauthorized"));
        h.Server.Script("POST", "/webhooks/77/" + interactionToken, ScriptedResponse.RateLimited("0.1", global: false), ScriptedResponse.Error(404, 10015, "Unknown Webhook"));
        h.Server.Script("GET", "/gateway/bot", ScriptedResponse.Json(500, "oops"), ScriptedResponse.Json(200, GatewayBody));

        var unauthorized = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.GetCurrentApplicationAsync());
        var unknown = await Assert.ThrowsAsync<DiscordApiException>(() => h.Clock.RunAsync(h.Client.CreateFollowupMessageAsync("77", interactionToken, new MessageCreate("hi"))));
        await h.Clock.RunAsync(h.Client.GetGatewayBotAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(10015, unknown.Code);
        var everything = string.Join("\n", h.Logger.Lines) + unauthorized + unknown;
        Assert.NotEmpty(h.Logger.Lines);
        Assert.DoesNotContain(RestHarness.Token, everything);
        Assert.DoesNotContain(interactionToken, everything);
    }

    [Fact]
    public async Task CreateInteractionResponse_GlobalLimitInForce_IsNotBlockedAndSendsNoBotToken()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "/gateway/bot", ScriptedResponse.RateLimited("5", global: true, scope: "global"), ScriptedResponse.Json(200, GatewayBody));
        h.Server.Script("POST", "/interactions/300/tok/callback", ScriptedResponse.Json(204, ""));
        var start = h.Clock.GetUtcNow();

        var blocked = h.Client.GetGatewayBotAsync();
        await h.Clock.WaitForTimersAsync();
        await h.Client.CreateInteractionResponseAsync("300", "tok", InteractionResponse.Defer(ephemeral: true));
        await h.Clock.RunAsync(blocked);

        var callback = Assert.Single(h.Server.RequestsTo("POST", "/interactions/300/tok/callback"));
        Assert.Equal(start, callback.ReceivedAt);
        Assert.Null(callback.Header("Authorization"));
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", callback.Body);
    }

    [Fact]
    public async Task CreateMessage_AnyContent_SendsAllowedMentionsParsingNothing()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.Json(200, MessageBody));

        await h.Client.CreateMessageAsync("200", new MessageCreate("@everyone look"));

        var body = JsonNode.Parse(Assert.Single(h.Server.Requests).Body)!;
        Assert.Equal("""{"parse":[]}""", body["allowed_mentions"]!.ToJsonString());
        Assert.Equal("application/json", Assert.Single(h.Server.Requests).Header("Content-Type"));
    }

    [Fact]
    public async Task CreateMessages_LongContent_SendsSeveralMessagesInOrder()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("POST", "/channels/200/messages", ScriptedResponse.Json(200, MessageBody));
        var content = string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"Paragraph {i}: " + new string('x', 180)));

        var sent = await h.Client.CreateMessagesAsync("200", new MessageCreate(content));

        var bodies = h.Server.Requests.Select(r => JsonNode.Parse(r.Body)!["content"]!.GetValue<string>()).ToArray();
        Assert.Equal(sent.Count, bodies.Length);
        Assert.True(bodies.Length > 1);
        Assert.All(bodies, b => Assert.True(b.Length <= 2000));
        Assert.Equal(content.Replace("\n\n", ""), string.Concat(bodies).Replace("\n\n", ""));
    }

    [Fact]
    public async Task DownloadAttachment_WithinCap_ReturnsBytesWithoutAuthorization()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "~/attachments/1/2/paper.txt", ScriptedResponse.Json(200, "hello digest") with { ContentType = "text/plain" });

        var bytes = await h.Client.DownloadAttachmentAsync(Attachment(h, 12), maxBytes: 100);

        Assert.Equal("hello digest"u8.ToArray(), bytes);
        Assert.Null(Assert.Single(h.Server.Requests).Header("Authorization"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DownloadAttachment_BodyOverCap_Refused(bool sendContentLength)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Script("GET", "~/attachments/1/2/paper.txt", ScriptedResponse.Json(200, new string('a', 5000)) with { SendContentLength = sendContentLength });

        // The payload understates the size: the cap holds on what actually arrives.
        await Assert.ThrowsAsync<AttachmentTooLargeException>(() => h.Client.DownloadAttachmentAsync(Attachment(h, 10), maxBytes: 1000));

        Assert.Null(Assert.Single(h.Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task DownloadAttachment_StatedSizeOverCap_RefusedWithoutRequest()
    {
        await using var h = await RestHarness.StartAsync();

        await Assert.ThrowsAsync<AttachmentTooLargeException>(() => h.Client.DownloadAttachmentAsync(Attachment(h, 5000), maxBytes: 1000));

        Assert.Empty(h.Server.Requests);
    }

    private static Attachment Attachment(RestHarness h, long size) =>
        new("2", "paper.txt", size, h.Server.Root + "/attachments/1/2/paper.txt", "text/plain");
}
