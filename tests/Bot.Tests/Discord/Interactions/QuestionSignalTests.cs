using System.Text.Json;
using Bot.Commands;
using Bot.Discord;
using Bot.Discord.Gateway;
using Bot.Discord.Responders;
using Bot.Recommendations;
using Bot.Tests.Support;

namespace Bot.Tests.Discord.Interactions;

public sealed class QuestionSignalTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private const string BotId = "1100000000000000001";

    [Fact]
    public async Task AskCommand_DeliveredTwice_RecordedOnceAsTheAskersQuestion()
    {
        var user = "1220000000000000" + Random.Shared.Next(100, 999);
        var handler = new AskQuestionSignal(shared.Store.Get<RecommendationCommands>());
        var ask = Event("INTERACTION_CREATE", $$"""
            { "id": "1300000000000000001", "application_id": "1", "type": 2, "token": "t", "version": 1, "guild_id": "42",
              "member": { "user": { "id": "{{user}}", "username": "ada" }, "roles": [] },
              "data": { "id": "9", "name": "ask", "type": 1, "options": [{ "name": "question", "type": 3, "value": "how are fine-tuned models merged?" }] } }
            """);

        await handler.HandleAsync(ask, CancellationToken.None);
        await handler.HandleAsync(ask, CancellationToken.None);

        Assert.Equal(["how are fine-tuned models merged?"], shared.Store.Get<UserSignalStore>().Profile(user, null, 10).Questions);
    }

    [Fact]
    public async Task Mention_QuestionWithoutTheMention_RecordedButOtherMessagesIgnored()
    {
        var user = "1230000000000000" + Random.Shared.Next(100, 999);
        var identity = new DiscordIdentity();
        identity.Set(BotId, "1");
        var handler = new MentionQuestionSignal(shared.Store.Get<RecommendationCommands>(), identity);

        await handler.HandleAsync(Message("2", user, $"<@{BotId}> what is negative transfer?", mentionsBot: true), CancellationToken.None);
        await handler.HandleAsync(Message("3", user, "just chatting with friends", mentionsBot: false), CancellationToken.None);

        Assert.Equal(["what is negative transfer?"], shared.Store.Get<UserSignalStore>().Profile(user, null, 10).Questions);
    }

    private static GatewayEvent Message(string id, string user, string content, bool mentionsBot) => Event("MESSAGE_CREATE", $$"""
        { "id": "{{id}}", "channel_id": "5", "guild_id": "42", "author": { "id": "{{user}}", "username": "ada" }, "content": {{JsonSerializer.Serialize(content)}},
          "mentions": [{{(mentionsBot ? $$"""{ "id": "{{BotId}}", "username": "bot", "bot": true }""" : "")}}], "timestamp": "2026-11-22T12:00:00+00:00" }
        """);

    private static GatewayEvent Event(string name, string json) => new(name, 1, JsonDocument.Parse(json).RootElement.Clone());
}
