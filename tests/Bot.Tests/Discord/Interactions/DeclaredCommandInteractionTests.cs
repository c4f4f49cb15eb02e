using System.Text.Json;
using Bot.Recommendations;
using Bot.Store;

namespace Bot.Tests.Discord.Interactions;

/// <summary>
/// Discord runs the same declared commands the console does: numbers refer to the last list the user saw
/// whichever front end showed it, and suggestions come from the command.
/// </summary>
[Collection(DiscordInteractionCollection.Name)]
public sealed class DeclaredCommandInteractionTests
{
    private const string User = "1220000000000000003";

    private static string Description(InteractionHarness harness, Bot.Discord.Payloads.Interaction interaction) =>
        InteractionHarness.Body(harness.Edits(interaction).Last()).GetProperty("embeds")[0].GetProperty("description").GetString()!;

    /// <summary>The title on line "**N. [Title](link)**" (or "**N. Title**") of a result embed.</summary>
    private static string Listed(string description, int number)
    {
        var line = description.Split('\n').Single(l => l.StartsWith($"**{number}. ", StringComparison.Ordinal))[($"**{number}. ").Length..];
        return line.StartsWith('[') ? line[1..line.IndexOf("](", StringComparison.Ordinal)] : line.Split("**")[0];
    }

    [Fact]
    public async Task PaperByNumber_AfterSearchOnDiscord_OpensThatResultAndSaysWhichItMeant()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var search = harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]""");
        await harness.Router.HandleAsync(search, CancellationToken.None);
        var next = harness.Button($"search:page:{search.Id}:1");
        await harness.Router.HandleAsync(next, CancellationToken.None);
        var seventh = Listed(Description(harness, next), 7);

        var paper = harness.Command("paper", """[{ "name": "title", "type": 3, "value": "7" }]""");
        await harness.Router.HandleAsync(paper, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(paper))).GetProperty("embeds")[0];
        Assert.Equal(seventh, embed.GetProperty("title").GetString());
        Assert.Contains("paper 7 of your last /search", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        // /paper posts in the channel, as the declaration says.
        Assert.False(InteractionHarness.Body(Assert.Single(harness.Callbacks(paper))).GetProperty("data").TryGetProperty("flags", out _));
    }

    [Fact]
    public async Task SaveByNumber_AfterRecommendOnDiscord_SavesThatPickOnly()
    {
        await using var harness = await InteractionHarness.StartAsync();
        await harness.Router.HandleAsync(harness.Command("follow", """[{ "name": "topic", "type": 3, "value": "adversarial examples that transfer" }]"""), CancellationToken.None);
        var recommend = harness.Command("recommend", """[{ "name": "count", "type": 4, "value": 3 }]""");
        await harness.Router.HandleAsync(recommend, CancellationToken.None);
        var second = InteractionHarness.Body(harness.Edits(recommend).Single()).GetProperty("embeds")[1].GetProperty("footer").GetProperty("text").GetString()!.Split(' ')[1];

        var save = harness.Command("save", """[{ "name": "paper", "type": 3, "value": "2" }]""");
        await harness.Router.HandleAsync(save, CancellationToken.None);

        var saved = harness.Store.Get<UserSignalStore>().Library(User, 0, 10);
        Assert.Equal(1, saved.Total);
        Assert.Equal(second, saved.Page[0].PaperId);
        Assert.Equal(64, InteractionHarness.Body(Assert.Single(harness.Callbacks(save))).GetProperty("data").GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task UnfollowByListNumber_OnDiscord_RemovesTheInterestListedThereAsTheConsoleDoes()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var signals = harness.Store.Get<UserSignalStore>();
        // A removed interest leaves a gap, so stored ids and list numbers differ: "2" must be the list's second.
        signals.AddInterest(User, "removed first", 20);
        signals.AddInterest(User, "diffusion models for video", 20);
        signals.RemoveInterest(User, signals.Interests(User).First(i => i.Text == "removed first").Id);
        signals.AddInterest(User, "model merging", 20);
        Assert.Equal(["diffusion models for video", "model merging"], signals.Interests(User).Select(i => i.Text));
        Assert.Contains(signals.Interests(User), i => i.Id == 2 && i.Text == "diffusion models for video");

        var unfollow = harness.Command("unfollow", """[{ "name": "interest", "type": 3, "value": "2" }]""");
        await harness.Router.HandleAsync(unfollow, CancellationToken.None);

        Assert.Equal(["diffusion models for video"], signals.Interests(User).Select(i => i.Text));
    }

    [Fact]
    public async Task SaveAutocomplete_SuggestsLibraryTitlesAndTheChosenValueSavesThatPaper()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var typing = harness.Interaction(4, """{ "id": "1", "name": "save", "type": 1, "options": [{ "name": "paper", "type": 3, "value": "merging", "focused": true }] }""");

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        var choices = InteractionHarness.Body(Assert.Single(harness.Callbacks(typing))).GetProperty("data").GetProperty("choices");
        Assert.InRange(choices.GetArrayLength(), 1, 25);
        Assert.All(choices.EnumerateArray(), c => Assert.Contains("merging", c.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
        var chosen = choices[0].GetProperty("value").GetString()!;
        await harness.Router.HandleAsync(harness.Command("save", $$"""[{ "name": "paper", "type": 3, "value": "{{chosen}}" }]"""), CancellationToken.None);
        Assert.Equal(chosen, harness.Store.Get<UserSignalStore>().Library(User, 0, 10).Page.Single().PaperId);
    }

    [Fact]
    public async Task UnfollowAutocomplete_UserFollowsNothing_AnswersWithNoChoicesAsAnAutocomplete()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var typing = harness.Interaction(4, """{ "id": "1", "name": "unfollow", "type": 1, "options": [{ "name": "interest", "type": 3, "value": "", "focused": true }] }""");

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(typing)));
        Assert.Equal(8, callback.GetProperty("type").GetInt32());
        Assert.Equal(0, callback.GetProperty("data").GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task SaveByNumber_AfterAnAnswerOnDiscord_SavesThatSource()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "How can the parameters of several fine-tuned models be merged using Fisher information?" }]""");
        await harness.Router.HandleAsync(ask, CancellationToken.None);
        var sources = InteractionHarness.Body(harness.Edits(ask).Last()).GetProperty("embeds")[0].GetProperty("fields")[0].GetProperty("value").GetString()!;

        await harness.Router.HandleAsync(harness.Command("save", """[{ "name": "paper", "type": 3, "value": "1" }]"""), CancellationToken.None);

        var saved = Assert.Single(harness.Store.Get<UserSignalStore>().Library(User, 0, 10).Page);
        Assert.StartsWith($"**[1]** {saved.Title}", sources, StringComparison.Ordinal);
    }
}
