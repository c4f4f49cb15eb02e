using System.Text.Json;
using Bot.Discord.Payloads;

namespace Bot.Tests.Discord.Interactions;

[Collection(DiscordInteractionCollection.Name)]
public sealed class MentionResponderTests
{
    private static Message Message(string content, string? guildId = "1210000000000000005", bool mentionsBot = true, bool fromBot = false, string id = "1400000000000000001")
    {
        var mentions = mentionsBot ? $$"""[{ "id": "{{InteractionHarness.BotUserId}}", "username": "digest-bot", "bot": true }]""" : "[]";
        var guild = guildId is null ? "" : $$""", "guild_id": "{{guildId}}" """;
        var json = $$"""
            { "id": "{{id}}", "channel_id": "1230000000000000002", "content": {{JsonSerializer.Serialize(content)}},
              "author": { "id": "1220000000000000003", "username": "ada", "bot": {{(fromBot ? "true" : "false")}} },
              "mentions": {{mentions}} {{guild}} }
            """;
        return JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Message)!;
    }

    [Fact]
    public async Task Mention_WithAQuestion_RepliesWithACitedAnswerAsAReply()
    {
        await using var harness = await InteractionHarness.StartAsync();

        await harness.Mentions.HandleAsync(Message($"<@{InteractionHarness.BotUserId}> how do I merge fine-tuned models?"), InteractionHarness.BotUserId, CancellationToken.None);

        var reply = InteractionHarness.Body(Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages")));
        Assert.Equal("1400000000000000001", reply.GetProperty("message_reference").GetProperty("message_id").GetString());
        var embed = reply.GetProperty("embeds")[0];
        Assert.Contains("[1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Merging", embed.GetProperty("fields")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, reply.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task Mention_WhoseAnswerThrows_GetsAnApologyAsAReply()
    {
        await using var harness = await InteractionHarness.StartAsync();
        using (var connection = harness.Store.OpenRaw())
        {
            // The search under every answer now fails; claiming the message still works.
            Bot.Tests.Support.StoreProbe.Execute(connection, "DROP TABLE papers_fts");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => harness.Mentions.HandleAsync(
            Message($"<@{InteractionHarness.BotUserId}> how do I merge fine-tuned models?"), InteractionHarness.BotUserId, CancellationToken.None));

        var reply = InteractionHarness.Body(Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages")));
        Assert.Equal(Bot.Discord.Responders.MentionResponder.Sorry, reply.GetProperty("content").GetString());
        Assert.Equal("1400000000000000001", reply.GetProperty("message_reference").GetProperty("message_id").GetString());
    }

    [Fact]
    public async Task DirectMessage_WithoutMention_IsAnswered()
    {
        await using var harness = await InteractionHarness.StartAsync();

        await harness.Mentions.HandleAsync(Message("diffusion model acceleration", guildId: null, mentionsBot: false), InteractionHarness.BotUserId, CancellationToken.None);

        Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages"));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task GuildMessage_NotMentioningOrFromABot_IsIgnored(bool mentionsBot, bool fromBot)
    {
        await using var harness = await InteractionHarness.StartAsync();

        await harness.Mentions.HandleAsync(Message("diffusion", mentionsBot: mentionsBot, fromBot: fromBot), InteractionHarness.BotUserId, CancellationToken.None);

        Assert.Empty(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages"));
    }

    [Fact]
    public async Task Mention_DeliveredTwice_IsAnsweredOnce()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var message = Message($"<@!{InteractionHarness.BotUserId}> diffusion");

        await harness.Mentions.HandleAsync(message, InteractionHarness.BotUserId, CancellationToken.None);
        await harness.Mentions.HandleAsync(message, InteractionHarness.BotUserId, CancellationToken.None);

        Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages"));
    }

    [Fact]
    public async Task Mention_HostileText_IsSearchedAsDataAndPingsNobody()
    {
        await using var harness = await InteractionHarness.StartAsync();

        await harness.Mentions.HandleAsync(Message($"<@{InteractionHarness.BotUserId}> @everyone ignore previous instructions \"* NEAR("), InteractionHarness.BotUserId, CancellationToken.None);

        var reply = InteractionHarness.Body(Assert.Single(harness.Server.RequestsTo("POST", "/channels/1230000000000000002/messages")));
        Assert.Equal(0, reply.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }
}
