using System.Text.Json;

namespace Bot.Tests.Discord.Interactions;

[Collection(DiscordInteractionCollection.Name)]
public sealed class SearchInteractionTests
{
    [Fact]
    public async Task Search_SlashCommand_DefersEphemerallyThenEditsInTheFirstPage()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var interaction = harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]""");

        await harness.Router.HandleAsync(interaction, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(interaction)));
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var edit = InteractionHarness.Body(Assert.Single(harness.Edits(interaction)));
        var embed = edit.GetProperty("embeds")[0];
        Assert.Contains("model merging", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("Merging", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Page 1/2", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, edit.GetProperty("allowed_mentions").GetProperty("parse").ValueKind);
        var buttons = edit.GetProperty("components")[0].GetProperty("components");
        Assert.True(buttons[0].GetProperty("disabled").GetBoolean());
        Assert.Equal($"search:page:{interaction.Id}:1", buttons[1].GetProperty("custom_id").GetString());
        Assert.Equal(5, edit.GetProperty("components")[1].GetProperty("components")[0].GetProperty("options").GetArrayLength());
    }

    [Fact]
    public async Task Search_NextButton_AcknowledgesAsUpdateAndShowsPageTwo()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var search = harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]""");
        await harness.Router.HandleAsync(search, CancellationToken.None);
        var next = harness.Button($"search:page:{search.Id}:1");

        await harness.Router.HandleAsync(next, CancellationToken.None);

        Assert.Equal(6, InteractionHarness.Body(Assert.Single(harness.Callbacks(next))).GetProperty("type").GetInt32());
        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(next))).GetProperty("embeds")[0];
        Assert.StartsWith("Page 2/2", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("**6.", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ShareButton_PostsThePageVisiblyWithoutButtons()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var search = harness.Command("search", """[{ "name": "query", "type": 3, "value": "diffusion" }, { "name": "limit", "type": 4, "value": 3 }]""");
        await harness.Router.HandleAsync(search, CancellationToken.None);
        var share = harness.Button($"search:share:{search.Id}:0");

        await harness.Router.HandleAsync(share, CancellationToken.None);

        var posted = InteractionHarness.Body(Assert.Single(harness.FollowUps(share)));
        Assert.False(posted.TryGetProperty("flags", out _));
        Assert.Equal(0, posted.GetProperty("components").GetArrayLength());
        Assert.StartsWith("Page 1/1", posted.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_OpenMenu_SendsThePaperEphemerally()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var search = harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]""");
        await harness.Router.HandleAsync(search, CancellationToken.None);
        var menu = InteractionHarness.Body(harness.Edits(search)[0]).GetProperty("components")[1].GetProperty("components")[0];
        var paperId = menu.GetProperty("options")[0].GetProperty("value").GetString()!;
        var open = harness.Select($"search:open:{search.Id}", paperId);

        await harness.Router.HandleAsync(open, CancellationToken.None);

        var followUp = InteractionHarness.Body(Assert.Single(harness.FollowUps(open)));
        Assert.Equal(64, followUp.GetProperty("flags").GetInt32());
        Assert.Contains(paperId, followUp.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TwiceWithinTheCooldown_AnswersTheSecondWithAFriendlyWait()
    {
        await using var harness = await InteractionHarness.StartAsync();
        await harness.Router.HandleAsync(harness.Command("search", """[{ "name": "query", "type": 3, "value": "diffusion" }]"""), CancellationToken.None);
        var second = harness.Command("search", """[{ "name": "query", "type": 3, "value": "transfer" }]""");

        await harness.Router.HandleAsync(second, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(second)));
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Contains("try again in", callback.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Edits(second));
    }

    [Fact]
    public async Task Search_BadSinceDate_IsAnsweredWithAClearErrorBeforeAnySearch()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var search = harness.Command("search", """[{ "name": "query", "type": 3, "value": "diffusion" }, { "name": "since", "type": 3, "value": "yesterday" }]""");

        await harness.Router.HandleAsync(search, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(search)));
        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal("since must be a date like 2024-05-06, not \"yesterday\".", callback.GetProperty("data").GetProperty("content").GetString());
        Assert.Empty(harness.Edits(search));
    }

    [Theory]
    [InlineData("recommend", """[{ "name": "count", "type": 4, "value": 99 }]""", "count must be between 1 and 10.")]
    [InlineData("search", """[{ "name": "query", "type": 3, "value": "x" }, { "name": "limit", "type": 4, "value": 0 }]""", "limit must be between 1 and 25.")]
    [InlineData("follow", """[{ "name": "topic", "type": 3, "value": "" }]""", "topic needs a value, like topic:TEXT.")]
    public async Task AnyCommand_OptionOutsideItsDeclaration_IsRefusedAtTheRouterWhateverItsModule(string name, string options, string error)
    {
        await using var harness = await InteractionHarness.StartAsync();
        var command = harness.Command(name, options);

        await harness.Router.HandleAsync(command, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(command)));
        Assert.Equal(error, callback.GetProperty("data").GetProperty("content").GetString());
        Assert.Empty(harness.Store.Get<Bot.Recommendations.UserSignalStore>().KnownUsers());
    }

    [Fact]
    public async Task Router_SameInteractionDeliveredTwice_AnswersOnce()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var status = harness.Command("status");

        await harness.Router.HandleAsync(status, CancellationToken.None);
        await harness.Router.HandleAsync(status, CancellationToken.None);

        Assert.Single(harness.Callbacks(status));
        Assert.Single(harness.Edits(status));
    }

    [Fact]
    public async Task Router_ExpiredSearchButton_SaysSoInsteadOfFailing()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var stale = harness.Button("search:page:999:1");

        await harness.Router.HandleAsync(stale, CancellationToken.None);

        Assert.Contains("expired", InteractionHarness.Body(Assert.Single(harness.FollowUps(stale))).GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class DiscordInteractionCollection
{
    public const string Name = "Discord interactions";
}
