using Bot.Answers;
using Bot.Commands;
using Bot.Tests.Discord.Interactions;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

/// <summary><c>/forget-me</c> after the language-model path, search and summaries: nothing in the store names the user any more.</summary>
[Collection(DiscordInteractionCollection.Name)]
public sealed class ForgetMeLlmTests
{
    private const string User = "1220000000000000003";
    private const string Other = "1220000000000000099";

    [Fact]
    public async Task ForgetMe_AfterAskSearchSummarizeAndADirectMessage_NoRowAnywhereMentionsTheUser()
    {
        await using var server = await FakeChatServer.StartAsync();
        await using var harness = await InteractionHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Bot:Llm:Endpoint"] = server.Endpoint,
            ["Bot:Llm:Model"] = LlmHarness.Model,
            ["Bot:Llm:ApiKey"] = LlmHarness.ApiKey,
        });
        server.Script(ChatReply.Text("TIES-Merging trims parameters that changed little [1].", usage: (100, 20)));
        const string Question = """[{ "name": "question", "type": 3, "value": "how do I merge fine-tuned models without retraining?" }]""";
        var dmAsk = harness.Interaction(2, $$"""{ "id": "1280000000000000003", "name": "ask", "type": 1, "options": {{Question}} }""", inGuild: false) with
        {
            ChannelId = "1230000000000000077",
        };
        var steps = new[]
        {
            harness.Command("ask", Question),
            harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]"""),
            harness.Command("summarize", """[{ "name": "paper", "type": 1, "options": [{ "name": "title", "type": 3, "value": "Merging Models with Fisher-Weighted Averaging" }] }]"""),
            harness.Command("summarize", """[{ "name": "digest", "type": 1, "options": [] }]"""),
            dmAsk,
            // Someone else's question in the same server: theirs stays.
            harness.Interaction(2, $$"""{ "id": "1280000000000000003", "name": "ask", "type": 1, "options": {{Question}} }""", userId: Other) with { ChannelId = "1230000000000000055" },
        };
        foreach (var step in steps)
        {
            await harness.Router.HandleAsync(step, CancellationToken.None);
            // Past /ask's cooldown.
            harness.Store.Clock.Advance(TimeSpan.FromSeconds(10));
        }
        // What the gateway's question signal records beside /ask.
        harness.Store.Get<RecommendationCommands>().RecordQuestion(User, "1210000000000000005", "how do I merge fine-tuned models without retraining?");
        using (var before = harness.Store.OpenRaw())
        {
            var mentioned = StoreProbe.ColumnsMentioning(before, User);
            Assert.Contains("conversations.user_id", mentioned);
            Assert.Contains("llm_usage.scope", mentioned);
            Assert.Contains("bot_state.value", mentioned);
            Assert.Contains("cooldowns.user_id", mentioned);
            Assert.Equal(2L, StoreProbe.Scalar<long>(before, $"SELECT count(*) FROM conversations WHERE user_id = '{User}'"));
        }

        await harness.Router.HandleAsync(harness.Button("forget:confirm"), CancellationToken.None);

        using var probe = harness.Store.OpenRaw();
        Assert.Empty(StoreProbe.ColumnsMentioning(probe, User));
        Assert.Contains("conversations.user_id", StoreProbe.ColumnsMentioning(probe, Other));
        Assert.Contains("llm_usage.scope", StoreProbe.ColumnsMentioning(probe, Other));
        // The server's own budget row is no one's data and stays.
        Assert.Equal(1L, StoreProbe.Scalar<long>(probe, "SELECT count(*) FROM llm_usage WHERE scope = 'guild:1210000000000000005'"));
    }
}
