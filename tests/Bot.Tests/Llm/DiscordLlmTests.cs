using Bot.Answers;
using Bot.Tests.Discord.Interactions;
using Bot.Tests.Llm.Fakes;

namespace Bot.Tests.Llm;

/// <summary>/ask and mentions with a language model: the reply is edited as the answer streams in, at most once a second.</summary>
[Collection(DiscordInteractionCollection.Name)]
public sealed class DiscordLlmTests
{
    private static readonly string[] Chunks =
    [
        "TIES-Merging trims ", "parameters that changed ", "little [1]. ", "It resolves ", "sign conflicts ", "between models [1]. ",
        "PCB-Merging balances ", "parameter competition [2]. ", "Both avoid ", "retraining [1][2]. ", "An invented ", "claim [9].",
    ];

    private static async Task<(InteractionHarness Harness, FakeChatServer Server)> StartAsync(ChatReply? reply = null)
    {
        var server = await FakeChatServer.StartAsync();
        var harness = await InteractionHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bot:Llm:Endpoint"] = server.Endpoint,
            ["Bot:Llm:Model"] = LlmHarness.Model,
            ["Bot:Llm:ApiKey"] = LlmHarness.ApiKey,
        });
        server.Script(reply ?? ChatReply.Chunked(Chunks));
        // Every chunk arrives 400 ms after the one before, on the fake clock.
        server.BeforeChunk = i => harness.Clock.Advance(TimeSpan.FromMilliseconds(400));
        return (harness, server);
    }

    [Fact]
    public async Task Ask_WithLlm_EditsTheDeferredReplyAtMostOnceASecondThenShowsTheValidatedAnswer()
    {
        var (harness, server) = await StartAsync();
        await using var _ = harness;
        await using var __ = server;
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "how do I merge fine-tuned models without retraining?" }]""");

        await harness.Router.HandleAsync(ask, CancellationToken.None);

        Assert.Equal(5, InteractionHarness.Body(Assert.Single(harness.Callbacks(ask))).GetProperty("type").GetInt32());
        var edits = harness.Edits(ask);
        Assert.InRange(edits.Length, 2, 1 + Chunks.Length * 400 / 1000 + 1);
        var partials = edits[..^1];
        for (var i = 1; i < partials.Length; i++)
        {
            Assert.True(partials[i].ReceivedAt - partials[i - 1].ReceivedAt >= TimeSpan.FromSeconds(1));
        }
        Assert.All(partials, p => Assert.Contains("Writing", p.Body, StringComparison.Ordinal));
        var final = InteractionHarness.Body(edits[^1]).GetProperty("embeds")[0];
        var text = final.GetProperty("description").GetString()!;
        Assert.StartsWith("TIES-Merging trims parameters that changed little [1].", text, StringComparison.Ordinal);
        Assert.DoesNotContain("invented", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[9]", text, StringComparison.Ordinal);
        var sources = final.GetProperty("fields")[0].GetProperty("value").GetString()!;
        Assert.Contains("[1]", sources, StringComparison.Ordinal);
        Assert.Contains("[2]", sources, StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", sources, StringComparison.Ordinal);
        Assert.Equal(0, InteractionHarness.Body(edits[^1]).GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task Ask_ModelLooksPapersUp_TheDeferredReplySaysWhatItIsSearchingThenShowsTheAnswer()
    {
        var (harness, server) = await StartAsync(ChatReply.ToolCalls(new ToolCallScript("papers_search", """{"query":"sign conflicts in merging"}""")));
        await using var _ = harness;
        await using var __ = server;
        server.Script(ChatReply.Chunked(Chunks));
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "how do I merge fine-tuned models without retraining?" }]""");

        await harness.Router.HandleAsync(ask, CancellationToken.None);

        var edits = harness.Edits(ask);
        Assert.Equal("Searching the library for “sign conflicts in merging”…",
            InteractionHarness.Body(edits[0]).GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString());
        for (var i = 1; i < edits.Length - 1; i++)
        {
            Assert.True(edits[i].ReceivedAt - edits[i - 1].ReceivedAt >= TimeSpan.FromSeconds(1));
        }
        var final = InteractionHarness.Body(edits[^1]).GetProperty("embeds")[0];
        Assert.StartsWith("TIES-Merging trims parameters that changed little [1].", final.GetProperty("description").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("Searching", edits[^1].Body, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Mention_WithLlm_PostsOnceThenEditsThatReply()
    {
        var (harness, server) = await StartAsync();
        await using var _ = harness;
        await using var __ = server;
        harness.Server.Script("POST", "/channels/1230000000000000002/messages", Discord.Fakes.ScriptedResponse.Json(200,
            """{ "id": "1500000000000000009", "channel_id": "1230000000000000002", "author": { "id": "1100000000000000001", "username": "digest-bot" }, "content": "" }"""));
        var message = System.Text.Json.JsonSerializer.Deserialize($$"""
            { "id": "1400000000000000001", "channel_id": "1230000000000000002", "guild_id": "1210000000000000005",
              "content": "<@{{InteractionHarness.BotUserId}}> how do I merge fine-tuned models without retraining?",
              "author": { "id": "1220000000000000003", "username": "ada" }, "mentions": [{ "id": "{{InteractionHarness.BotUserId}}", "username": "digest-bot", "bot": true }] }
            """, Bot.Discord.Payloads.DiscordJsonContext.Default.Message)!;

        await harness.Mentions.HandleAsync(message, InteractionHarness.BotUserId, CancellationToken.None);

        var post = Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages"));
        Assert.Equal("1400000000000000001", InteractionHarness.Body(post).GetProperty("message_reference").GetProperty("message_id").GetString());
        var edits = harness.Server.RequestsTo("PATCH", "/channels/1230000000000000002/messages/1500000000000000009");
        Assert.NotEmpty(edits);
        Assert.DoesNotContain("Writing", edits[^1].Body, StringComparison.Ordinal);
        Assert.Contains("Both avoid retraining [1][2].", InteractionHarness.Body(edits[^1]).GetProperty("embeds")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HostileStream_NoEditCarriesTheKeyALinkOrAPing()
    {
        var (harness, server) = await StartAsync(ChatReply.Chunked(
        [
            "TIES-Merging trims parameters that changed little [1]. The key is ", LlmHarness.ApiKey[..9], LlmHarness.ApiKey[9..17],
            LlmHarness.ApiKey[17..], " [1]. @everyone see [1](https://evil.example/phish) now. ",
            "Log in at https://evil.example/login to read it [1]. It resolves sign conflicts [1].",
        ]));
        await using var _ = harness;
        await using var __ = server;
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "how do I merge fine-tuned models without retraining?" }]""");

        await harness.Router.HandleAsync(ask, CancellationToken.None);

        var edits = harness.Edits(ask);
        Assert.NotEmpty(edits);
        foreach (var edit in edits)
        {
            for (var i = 0; i + 10 <= LlmHarness.ApiKey.Length; i++)
            {
                Assert.DoesNotContain(LlmHarness.ApiKey.Substring(i, 10), edit.Body, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("evil.example", edit.Body, StringComparison.Ordinal);
            Assert.Equal(0, InteractionHarness.Body(edit).GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        }
        var text = InteractionHarness.Body(edits[^1]).GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains("TIES-Merging trims parameters that changed little [1].", text, StringComparison.Ordinal);
        Assert.Contains("It resolves sign conflicts [1].", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MentionAndAsk_QuestionMentioningSomeone_TheirIdReachesNeitherTheModelNorTheStore()
    {
        const string Someone = "1220000000000000099";
        var (harness, server) = await StartAsync();
        await using var _ = harness;
        await using var __ = server;
        var message = System.Text.Json.JsonSerializer.Deserialize($$"""
            { "id": "1400000000000000001", "channel_id": "1230000000000000002", "guild_id": "1210000000000000005",
              "content": "<@{{InteractionHarness.BotUserId}}> how does <@!{{Someone}}>'s merging in <#1230000000000000002> avoid retraining <@&{{Someone}}>?",
              "author": { "id": "1220000000000000003", "username": "ada" }, "mentions": [{ "id": "{{InteractionHarness.BotUserId}}", "username": "digest-bot", "bot": true }] }
            """, Bot.Discord.Payloads.DiscordJsonContext.Default.Message)!;
        var ask = harness.Command("ask", $$"""[{ "name": "question", "type": 3, "value": "what did <@{{Someone}}> say about merging fine-tuned models?" }]""");

        await harness.Mentions.HandleAsync(message, InteractionHarness.BotUserId, CancellationToken.None);
        harness.Store.Clock.Advance(TimeSpan.FromSeconds(10));
        await harness.Router.HandleAsync(ask, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain(Someone, server.AllPromptText(), StringComparison.Ordinal);
        Assert.Contains("Question: how does 's merging in avoid retraining ?", server.AllPromptText(), StringComparison.Ordinal);
        using var probe = harness.Store.OpenRaw();
        Assert.Empty(Bot.Tests.Support.StoreProbe.ColumnsMentioning(probe, Someone));
    }

    [Fact]
    public async Task Ask_AnswerWaitingOnTheModel_AnotherUsersSearchIsAnsweredMeanwhile()
    {
        var (harness, server) = await StartAsync(ChatReply.Hanging());
        await using var _ = harness;
        await using var __ = server;
        // As the gateway delivers them: each INTERACTION_CREATE is handed to the background and the next read at once.
        using var work = new Bot.Discord.BackgroundWork(harness.Store.Get<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Discord.BackgroundWork>.Instance);
        var handler = new Bot.Discord.InteractionCreateHandler(harness.Router, work);
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "how do I merge fine-tuned models without retraining?" }]""");
        var search = harness.Interaction(2, """{ "id": "1280000000000000004", "name": "search", "type": 1, "options": [{ "name": "query", "type": 3, "value": "model merging" }] }""",
            userId: "1220000000000000077");

        await handler.HandleAsync(Dispatch(ask), CancellationToken.None);
        await WaitUntilAsync(() => server.Requests.Count == 1);
        await handler.HandleAsync(Dispatch(search), CancellationToken.None);
        await WaitUntilAsync(() => harness.Edits(search).Length == 1);

        Assert.Contains("Merging", harness.Edits(search)[0].Body, StringComparison.Ordinal);
        Assert.Empty(harness.Edits(ask));
        // Shutting down gives up on the answer still waiting.
        await work.StopAsync(new CancellationToken(canceled: true));
    }

    private static Bot.Discord.Gateway.GatewayEvent Dispatch(Bot.Discord.Payloads.Interaction interaction) =>
        new("INTERACTION_CREATE", 1, System.Text.Json.JsonSerializer.SerializeToElement(interaction, Bot.Discord.Payloads.DiscordJsonContext.Default.Interaction));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(5);
        }
    }
}
