using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Hosting;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Discord;

/// <summary>
/// <c>serve</c> with a bot token against a loopback Discord: the gateway fake speaks WebSocket frames,
/// the REST fake HTTP. The bot identifies, registers its commands, and answers a slash command and a
/// mention exactly as it would on Discord.
/// </summary>
[Collection(Interactions.DiscordInteractionCollection.Name)]
public sealed class DiscordServeTests
{
    private const string ApplicationId = "4242";
    private const string BotUserId = "42";

    [Fact]
    public async Task Serve_WithToken_RegistersCommandsAndAnswersSearchAndMentions()
    {
        using var folder = new TempDirectory();
        await using var gateway = await FakeGatewayServer.StartAsync();
        await using var rest = await FakeDiscordRestServer.StartAsync(TimeProvider.System);
        rest.Script("GET", "/gateway/bot", ScriptedResponse.Json(200,
            $$"""{ "url": "{{gateway.GatewayUrl}}", "shards": 1, "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 } }"""));
        rest.Script("PUT", $"/applications/{ApplicationId}/commands", ScriptedResponse.Json(200, "[]"));
        rest.Script("POST", "/channels/77/messages", ScriptedResponse.Json(200, """{ "id": "1", "channel_id": "77", "author": { "id": "42", "username": "digest-bot" }, "content": "" }"""));

        var builder = BotHost.CreateBuilder(folder.File("bot.db"), worker: true, new Dictionary<string, string?>
        {
            ["Bot:Discord:Token"] = FakeGatewayServer.Token,
            ["Bot:Discord:ApiBaseUrl"] = rest.ApiBaseUrl,
            ["Bot:Embeddings:Provider"] = "none",
            ["Bot:Inbox:Path"] = folder.File("inbox"),
            ["Bot:Inbox:SamplesPath"] = TestPaths.SharedDigests,
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await WaitUntilAsync(() => rest.RequestsTo("PUT", $"/applications/{ApplicationId}/commands").Length == 1,
                () => $"REST saw [{string.Join(", ", rest.Requests.Select(r => r.Method + " " + r.Path))}], gateway saw [{string.Join(", ", gateway.Requests)}]");
            await WaitUntilAsync(() => host.Services.GetService(typeof(Bot.Store.PaperStore)) is Bot.Store.PaperStore store && store.Counts().Digests == 3);

            gateway.Publish("INTERACTION_CREATE", JsonNode.Parse($$"""
                { "id": "500", "application_id": "{{ApplicationId}}", "type": 2, "token": "tok-500", "version": 1, "channel_id": "77", "guild_id": "1",
                  "member": { "user": { "id": "7", "username": "ada" }, "roles": [], "permissions": "0" },
                  "data": { "id": "9", "name": "search", "type": 1, "options": [{ "name": "query", "type": 3, "value": "model merging" }] } }
                """)!);
            gateway.Publish("MESSAGE_CREATE", JsonNode.Parse($$"""
                { "id": "600", "channel_id": "77", "guild_id": "1", "content": "<@{{BotUserId}}> knowledge distillation",
                  "author": { "id": "7", "username": "ada" }, "mentions": [{ "id": "{{BotUserId}}", "username": "digest-bot", "bot": true }] }
                """)!);

            await WaitUntilAsync(() => rest.RequestsTo("PATCH", $"/webhooks/{ApplicationId}/tok-500/messages/@original").Length == 1);
            await WaitUntilAsync(() => rest.RequestsTo("POST", "/channels/77/messages").Length == 1);
        }
        finally
        {
            await host.StopAsync();
        }

        var callback = JsonDocument.Parse(Assert.Single(rest.RequestsTo("POST", "/interactions/500/tok-500/callback")).Body).RootElement;
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        var edit = JsonDocument.Parse(rest.RequestsTo("PATCH", $"/webhooks/{ApplicationId}/tok-500/messages/@original")[0].Body).RootElement;
        Assert.Contains("Merging", edit.GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        var reply = JsonDocument.Parse(rest.RequestsTo("POST", "/channels/77/messages")[0].Body).RootElement;
        Assert.Equal("600", reply.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Equal(FakeGatewayServer.Token, Assert.Single(gateway.Identifies).GetProperty("token").GetString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("a-token", true)]
    public void Serve_FrontEnd_IsDiscordWithATokenAndTheConsoleWithout(string? token, bool discord)
    {
        using var folder = new TempDirectory();
        using var host = BotHost.CreateBuilder(folder.File("bot.db"), worker: true, new Dictionary<string, string?> { ["Bot:Discord:Token"] = token }).Build();

        var services = host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.Equal(discord, services.Contains("DiscordGatewayService"));
        Assert.Equal(!discord, services.Contains("ConsoleFrontEnd"));
        Assert.Contains("InboxWatcher", services);
    }

    [Fact]
    public async Task Serve_HundredRandomDropsWhileInteractionsFlow_AnswersEveryInteractionExactlyOnce()
    {
        const int drops = 100;
        using var folder = new TempDirectory();
        await using var gateway = await FakeGatewayServer.StartAsync(seed: 7);
        await using var rest = await FakeDiscordRestServer.StartAsync(TimeProvider.System);
        rest.Script("GET", "/gateway/bot", ScriptedResponse.Json(200,
            $$"""{ "url": "{{gateway.GatewayUrl}}", "shards": 1, "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 } }"""));
        var builder = BotHost.CreateBuilder(folder.File("bot.db"), worker: true, new Dictionary<string, string?>
        {
            ["Bot:Discord:Token"] = FakeGatewayServer.Token,
            ["Bot:Discord:ApiBaseUrl"] = rest.ApiBaseUrl,
            ["Bot:Embeddings:Provider"] = "none",
            ["Bot:Inbox:Path"] = folder.File("inbox"),
            ["Bot:Inbox:SamplesPath"] = "",
        });
        // Reconnect at once: a hundred drops must fit in a bounded test.
        builder.Services.AddTransient(_ => new Bot.Discord.Gateway.ReconnectBackoff(new FixedRandom(0.0), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)));
        using var host = builder.Build();
        await host.StartAsync();
        var answered = () => rest.Requests.Count(r => r.Method == "PATCH");
        var published = 0;
        try
        {
            await WaitUntilAsync(() => rest.Requests.Any(r => r.Method == "PUT"));
            gateway.EventsBeforeReconnect = 5;
            gateway.DropChance = 0.08;
            gateway.DropsLeft = drops;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(50);
            var tail = 0;
            while (tail < 30 && DateTime.UtcNow < deadline)
            {
                if (published - answered() < 10)
                {
                    published++;
                    gateway.Publish("INTERACTION_CREATE", JsonNode.Parse($$"""
                        { "id": "{{9000 + published}}", "application_id": "{{ApplicationId}}", "type": 2, "token": "tok-{{published}}", "version": 1,
                          "channel_id": "77", "guild_id": "1", "member": { "user": { "id": "{{published}}", "username": "u" }, "roles": [] },
                          "data": { "id": "9", "name": "status", "type": 1 } }
                        """)!);
                    tail += gateway.Drops >= drops ? 1 : 0;
                }
                else
                {
                    await Task.Delay(1);
                }
            }
            await WaitUntilAsync(() => answered() >= published, () => $"{answered()} of {published} answered, {gateway.Drops} drops");
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(drops, gateway.Drops);
        Assert.True(published > drops, $"only {published} interactions published");
        var callbacks = rest.Requests.Where(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/interactions/", StringComparison.Ordinal))
            .GroupBy(r => r.Path).ToList();
        Assert.Equal(published, callbacks.Count);
        Assert.All(callbacks, group => Assert.Single(group));
        Assert.Equal(published, answered());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s: " + describe?.Invoke());
            await Task.Delay(25);
        }
    }
}
