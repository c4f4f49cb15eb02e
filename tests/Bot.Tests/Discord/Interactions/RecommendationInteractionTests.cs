using System.Text.Json;
using Bot.Discord.Interactions;
using Bot.Recommendations;
using Bot.Store;

namespace Bot.Tests.Discord.Interactions;

[Collection(DiscordInteractionCollection.Name)]
public sealed class RecommendationInteractionTests
{
    private const string User = "1220000000000000003";

    [Fact]
    public async Task Recommend_AfterFollow_PicksWithReasonsAndFourFeedbackButtonsEach()
    {
        await using var harness = await InteractionHarness.StartAsync();
        await harness.Router.HandleAsync(harness.Command("follow", """[{ "name": "topic", "type": 3, "value": "adversarial examples that transfer" }]"""), CancellationToken.None);
        var recommend = harness.Command("recommend", """[{ "name": "count", "type": 4, "value": 3 }]""");

        await harness.Router.HandleAsync(recommend, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(recommend)));
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var edit = InteractionHarness.Body(Assert.Single(harness.Edits(recommend)));
        Assert.Equal(JsonValueKind.Array, edit.GetProperty("allowed_mentions").GetProperty("parse").ValueKind);
        var embeds = edit.GetProperty("embeds");
        Assert.Equal(3, embeds.GetArrayLength());
        Assert.Contains("Why:** Matches your interest \"adversarial examples that transfer\"", embeds[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        var rows = edit.GetProperty("components");
        Assert.Equal(3, rows.GetArrayLength());
        var ids = rows[0].GetProperty("components").EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()!).ToArray();
        Assert.Equal(["rec:like:", "rec:dislike:", "rec:dismiss:", "rec:save:"], ids.Select(id => id[..(id.LastIndexOf(':') + 1)]));
        var footer = embeds[0].GetProperty("footer").GetProperty("text").GetString()!;
        var paper = harness.Store.Get<PaperStore>().FindPaper(footer.Split(' ')[1])!;
        Assert.Equal($"rec:like:{paper.RowId}", ids[0]);
        Assert.Contains(paper.RowId, harness.Store.Get<UserSignalStore>().Profile(User, null, 0).Seen);
    }

    [Fact]
    public async Task Commands_InteractionNamingNoUser_RefusedClearlyAndNothingStored()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var paper = harness.Store.Get<PaperStore>().FindPaper("Resolving Interference When Merging Models")!;
        Bot.Discord.Payloads.Interaction[] anonymous =
        [
            harness.Command("follow", """[{ "name": "topic", "type": 3, "value": "model merging" }]""") with { Member = null, User = null },
            harness.Command("recommend", """[{ "name": "count", "type": 4, "value": 3 }]""") with { Member = null, User = null },
            harness.Button(PickMessages.CustomId(FeedbackKind.Save, paper.RowId)) with { Member = null, User = null },
            harness.Command("ask", """[{ "name": "question", "type": 3, "value": "how are models merged?" }]""") with { Member = null, User = null },
            harness.Command("search", """[{ "name": "query", "type": 3, "value": "model merging" }]""") with { Member = null, User = null },
        ];

        foreach (var interaction in anonymous)
        {
            await harness.Router.HandleAsync(interaction, CancellationToken.None);
        }

        foreach (var interaction in anonymous)
        {
            var data = InteractionHarness.Body(Assert.Single(harness.Callbacks(interaction))).GetProperty("data");
            Assert.Equal(InteractionRouter.NoInvoker, data.GetProperty("content").GetString());
            Assert.Equal(64, data.GetProperty("flags").GetInt32());
            Assert.Empty(harness.Edits(interaction));
        }
        using var probe = harness.Store.OpenRaw();
        // Paper text may say "unknown"; nothing else may.
        Assert.All(Bot.Tests.Support.StoreProbe.ColumnsMentioning(probe, "unknown"), column => Assert.StartsWith("papers", column, StringComparison.Ordinal));
        Assert.Equal(0L, Bot.Tests.Support.StoreProbe.Count(probe, "user_interests"));
    }

    [Fact]
    public async Task FeedbackButton_RedeliveredAndPressedAgain_RecordedOnceAndAcknowledgedPrivately()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var paper = harness.Store.Get<PaperStore>().FindPaper("Resolving Interference When Merging Models")!;
        var like = harness.Button(PickMessages.CustomId(FeedbackKind.Like, paper.RowId));

        await harness.Router.HandleAsync(like, CancellationToken.None);
        await harness.Router.HandleAsync(like, CancellationToken.None);
        var again = harness.Button(PickMessages.CustomId(FeedbackKind.Like, paper.RowId));
        await harness.Router.HandleAsync(again, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(like)));
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.StartsWith("👍 Noted: you liked", InteractionHarness.Body(Assert.Single(harness.Edits(like))).GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("👍 Already noted", InteractionHarness.Body(Assert.Single(harness.Edits(again))).GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal([paper.RowId], harness.Store.Get<UserSignalStore>().Profile(User, null, 0).Liked);
    }

    [Fact]
    public async Task FeedbackButton_UnknownPaper_SaysSoWithoutRecording()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var press = harness.Button("rec:save:999999999");

        await harness.Router.HandleAsync(press, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(press))).GetProperty("embeds")[0];
        Assert.Contains("no longer in the library", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, harness.Store.Get<UserSignalStore>().Library(User, 0, 10).Total);
    }

    [Fact]
    public async Task UnfollowAutocomplete_SuggestsOnlyTheUsersOwnInterests()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var signals = harness.Store.Get<UserSignalStore>();
        signals.AddInterest(User, "model merging", 20);
        signals.AddInterest(User, "diffusion models for video", 20);
        signals.AddInterest("someone-else", "model compression", 20);
        var typing = harness.Interaction(4, """{ "id": "1", "name": "unfollow", "type": 1, "options": [{ "name": "interest", "type": 3, "value": "mod", "focused": true }] }""");

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        var choices = InteractionHarness.Body(Assert.Single(harness.Callbacks(typing))).GetProperty("data").GetProperty("choices");
        Assert.Equal(["model merging", "diffusion models for video"], choices.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var unfollow = harness.Command("unfollow", $$"""[{ "name": "interest", "type": 3, "value": "{{choices[0].GetProperty("value").GetString()}}" }]""");
        await harness.Router.HandleAsync(unfollow, CancellationToken.None);
        Assert.Equal(["diffusion models for video"], signals.Interests(User).Select(i => i.Text));
    }

    [Fact]
    public async Task Interests_RemoveButton_RemovesAndShowsTheRest()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var signals = harness.Store.Get<UserSignalStore>();
        signals.AddInterest(User, "model merging", 20);
        signals.AddInterest(User, "adapters", 20);
        var list = harness.Command("interests");
        await harness.Router.HandleAsync(list, CancellationToken.None);
        var buttons = InteractionHarness.Body(Assert.Single(harness.Edits(list))).GetProperty("components")[0].GetProperty("components");
        Assert.Equal(2, buttons.GetArrayLength());

        var remove = harness.Button(buttons[0].GetProperty("custom_id").GetString()!);
        await harness.Router.HandleAsync(remove, CancellationToken.None);

        Assert.Equal(6, InteractionHarness.Body(Assert.Single(harness.Callbacks(remove))).GetProperty("type").GetInt32());
        Assert.Equal(["adapters"], signals.Interests(User).Select(i => i.Text));
        var shown = InteractionHarness.Body(Assert.Single(harness.Edits(remove)));
        Assert.Equal(1, shown.GetProperty("components")[0].GetProperty("components").GetArrayLength());
    }

    [Fact]
    public async Task SaveThenLibrary_PagesOfFiveWithPrevNext()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var ids = harness.Store.Get<PaperStore>().SuggestTitles("model", 7).Select(p => p.Id).ToList();
        foreach (var id in ids)
        {
            await harness.Router.HandleAsync(harness.Command("save", $$"""[{ "name": "paper", "type": 3, "value": "{{id}}" }]"""), CancellationToken.None);
        }
        var library = harness.Command("library");

        await harness.Router.HandleAsync(library, CancellationToken.None);
        var next = harness.Button("library:page:1");
        await harness.Router.HandleAsync(next, CancellationToken.None);

        var first = InteractionHarness.Body(Assert.Single(harness.Edits(library)));
        Assert.StartsWith("Page 1/2", first.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("components")[0].GetProperty("components")[0].GetProperty("disabled").GetBoolean());
        var second = InteractionHarness.Body(Assert.Single(harness.Edits(next))).GetProperty("embeds")[0];
        Assert.StartsWith("Page 2/2", second.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("**6.", second.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgetMe_ConfirmButton_LeavesNoRowWithTheUsersId()
    {
        await using var harness = await InteractionHarness.StartAsync();
        await harness.Router.HandleAsync(harness.Command("follow", """[{ "name": "topic", "type": 3, "value": "model merging" }]"""), CancellationToken.None);
        await harness.Router.HandleAsync(harness.Command("recommend"), CancellationToken.None);
        await harness.Router.HandleAsync(harness.Button(PickMessages.CustomId(FeedbackKind.Save, harness.Store.Get<PaperStore>().FindPaper("Resolving Interference When Merging Models")!.RowId)), CancellationToken.None);
        var ask = harness.Command("forget-me");
        await harness.Router.HandleAsync(ask, CancellationToken.None);
        var question = InteractionHarness.Body(Assert.Single(harness.Edits(ask)));
        Assert.Equal("forget:confirm", question.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString());
        Assert.True(UserRows(harness) > 0);

        var confirm = harness.Button("forget:confirm");
        await harness.Router.HandleAsync(confirm, CancellationToken.None);

        Assert.Equal(0, UserRows(harness));
        Assert.Equal("Forgotten.", InteractionHarness.Body(Assert.Single(harness.Edits(confirm))).GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    /// <summary>Rows about the user in every table that has a user_id column.</summary>
    private static long UserRows(InteractionHarness harness)
    {
        using var connection = harness.Store.OpenRaw();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'user_id'";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(names);
        long rows = 0;
        foreach (var name in names)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{name}\" WHERE user_id = '{User}'";
            rows += (long)count.ExecuteScalar()!;
        }
        return rows;
    }
}
