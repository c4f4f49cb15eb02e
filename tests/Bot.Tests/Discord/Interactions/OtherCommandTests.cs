using System.Text.Json;
using Bot.Discord.Commands;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Discord.Interactions;

[Collection(DiscordInteractionCollection.Name)]
public sealed class OtherCommandTests
{
    [Fact]
    public async Task PaperAutocomplete_TypedWords_AnswersAtOnceWithAtMost25MatchingTitles()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var typing = harness.Interaction(4, """{ "id": "1", "name": "paper", "type": 1, "options": [{ "name": "title", "type": 3, "value": "diffusion", "focused": true }] }""");

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(typing)));
        Assert.Equal(8, callback.GetProperty("type").GetInt32());
        var choices = callback.GetProperty("data").GetProperty("choices");
        Assert.InRange(choices.GetArrayLength(), 1, 25);
        foreach (var choice in choices.EnumerateArray())
        {
            // Names are cut to Discord's 100 characters; the id in the value leads to the whole title.
            var paper = harness.Store.Get<Bot.Store.PaperStore>().FindPaper(choice.GetProperty("value").GetString()!)!;
            Assert.Contains("diffusion", paper.Title, StringComparison.OrdinalIgnoreCase);
            Assert.True(choice.GetProperty("name").GetString()!.Length <= 100);
        }
        Assert.Empty(harness.Edits(typing));
    }

    [Fact]
    public async Task Paper_ChosenId_ShowsAbstractLinksAndAppearances()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var id = harness.Store.Get<Bot.Store.PaperStore>().FindPaper("Resolving Interference When Merging Models")!.Id;
        var paper = harness.Command("paper", $$"""[{ "name": "title", "type": 3, "value": "{{id}}" }]""");

        await harness.Router.HandleAsync(paper, CancellationToken.None);

        Assert.Equal(5, InteractionHarness.Body(Assert.Single(harness.Callbacks(paper))).GetProperty("type").GetInt32());
        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(paper))).GetProperty("embeds")[0];
        Assert.Equal("Resolving Interference When Merging Models", embed.GetProperty("title").GetString());
        var fields = embed.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("value").GetString()).ToList();
        Assert.Contains("https://github.com/prateeky2806/ties-merging", fields);
        Assert.True(embed.GetProperty("description").GetString()!.Length <= 4096);
    }

    [Fact]
    public async Task Ask_Question_DefersThenPostsACitedAnswerWithNumberedSources()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var ask = harness.Command("ask", """[{ "name": "question", "type": 3, "value": "How can the parameters of several fine-tuned models be merged using Fisher information?" }]""");

        await harness.Router.HandleAsync(ask, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(ask)));
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.False(callback.GetProperty("data").TryGetProperty("flags", out _));
        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(ask))).GetProperty("embeds")[0];
        Assert.Contains("[1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        var sources = embed.GetProperty("fields")[0];
        Assert.Equal("Sources", sources.GetProperty("name").GetString());
        Assert.StartsWith("**[1]** Merging Models with Fisher-Weighted Averaging", sources.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("No language model", embed.GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_PaperSubcommand_PostsTheKeySentences()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var summarize = harness.Command("summarize",
            """[{ "name": "paper", "type": 1, "options": [{ "name": "title", "type": 3, "value": "Merging Models with Fisher-Weighted Averaging" }] }]""");

        await harness.Router.HandleAsync(summarize, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(summarize))).GetProperty("embeds")[0];
        Assert.Equal("Merging Models with Fisher-Weighted Averaging", embed.GetProperty("title").GetString());
        Assert.Contains("Fisher", embed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_DigestSubcommand_PostsThemes()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var summarize = harness.Command("summarize", """[{ "name": "digest", "type": 1, "options": [] }]""");

        await harness.Router.HandleAsync(summarize, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(summarize))).GetProperty("embeds")[0];
        Assert.Contains("themes", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(embed.GetProperty("fields").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task Status_SlashCommand_ShowsCounts()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var status = harness.Command("status");

        await harness.Router.HandleAsync(status, CancellationToken.None);

        var text = InteractionHarness.Body(Assert.Single(harness.Edits(status))).GetProperty("embeds")[0].GetRawText();
        Assert.Contains("185 in 3 digests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_CommandWithoutAModuleOfItsOwn_IsServedFromItsDeclaration()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var all = harness.Command("help");
        var one = harness.Command("help", """[{ "name": "command", "type": 3, "value": "serach" }]""");

        await harness.Router.HandleAsync(all, CancellationToken.None);
        await harness.Router.HandleAsync(one, CancellationToken.None);

        var listed = InteractionHarness.Body(Assert.Single(harness.Edits(all))).GetProperty("embeds")[0].GetRawText();
        Assert.Contains("/digest-channel set", listed, StringComparison.Ordinal);
        // Markdown brackets are escaped in the embed: the usage reads "/search query:TEXT [limit:N] [since:DATE]".
        Assert.Contains("/search query:TEXT", listed, StringComparison.Ordinal);
        Assert.Contains("since:DATE", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("until", listed, StringComparison.Ordinal);
        var error = InteractionHarness.Body(Assert.Single(harness.Edits(one))).GetProperty("embeds")[0].GetRawText();
        Assert.Contains("There is no command /serach. Did you mean /search?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Like_SlashCommandByTitle_RecordsItThroughTheGenericModule()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var like = harness.Command("like", """[{ "name": "paper", "type": 3, "value": "Merging Models with Fisher-Weighted Averaging" }]""");

        await harness.Router.HandleAsync(like, CancellationToken.None);

        var text = InteractionHarness.Body(Assert.Single(harness.Edits(like))).GetProperty("embeds")[0].GetRawText();
        Assert.Contains("Noted: you liked", text, StringComparison.Ordinal);
        Assert.Single(harness.Store.Get<Bot.Recommendations.UserSignalStore>().Profile(like.InvokerId, null, 0).Liked);
    }

    [Fact]
    public void Catalog_IsWrittenFromTheDeclarations_WithTheirOptionsAndLimits()
    {
        using var store = TestStore.Create();
        var declared = store.Get<Bot.Commands.Declarations.CommandSet>();

        var catalog = CommandCatalog.For(declared);

        Assert.Equal(declared.On(Bot.Commands.Declarations.Surfaces.Discord).Select(c => c.Declaration.Name), catalog.Select(c => c.Name));
        var search = catalog.Single(c => c.Name == "search");
        Assert.Equal(["query", "limit", "since"], search.Options!.Select(o => o.Name));
        Assert.True(search.Options![0].Required);
        Assert.Equal(300, search.Options[0].MaxLength);
        Assert.Equal((1.0, 25.0), (search.Options[1].MinValue, search.Options[1].MaxValue));
        // Console-only options are not offered on Discord; feedback commands are, beside the pick buttons.
        Assert.Contains(catalog, c => c.Name is "like");
        Assert.Null(catalog.Single(c => c.Name == "forget-me").Options);
        Assert.Equal(["file"], catalog.Single(c => c.Name == "ingest").Options!.Select(o => o.Name));
    }

    [Fact]
    public async Task Ingest_MemberWithoutManageServer_IsRefusedAndNothingIsStored()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var ingest = harness.Command("ingest", """[{ "name": "file", "type": 11, "value": "9" }]""", permissions: "0");

        await harness.Router.HandleAsync(ingest, CancellationToken.None);

        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(ingest)));
        Assert.Contains("Manage Server", callback.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, harness.Store.Get<Bot.Store.PaperStore>().Counts().Digests);
    }

    [Fact]
    public async Task Ingest_AttachedDigest_IsDownloadedParsedAndStored()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var digest = DigestText.Build("May 7", ("A Brand New Paper About Sparse Autoencoders", "We train sparse autoencoders on activations. They find interpretable features."));
        harness.Server.Script("GET", "~/attachments/new.txt", ScriptedResponse.Json(200, digest));
        var ingest = harness.Command("ingest", """[{ "name": "file", "type": 11, "value": "9" }]""",
            $$"""{ "attachments": { "9": { "id": "9", "filename": "new.txt", "size": {{digest.Length}}, "url": "{{harness.Server.Root}}/attachments/new.txt" } } }""");

        await harness.Router.HandleAsync(ingest, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(ingest))).GetProperty("embeds")[0];
        Assert.Equal("Added new.txt", embed.GetProperty("title").GetString());
        Assert.NotNull(harness.Store.Get<Bot.Store.PaperStore>().FindPaper("A Brand New Paper About Sparse Autoencoders"));
    }

    [Fact]
    public async Task Ingest_AttachmentThatIsNotADigest_ReportsTheParserErrorAndStoresNothing()
    {
        await using var harness = await InteractionHarness.StartAsync();
        harness.Server.Script("GET", "~/attachments/data.csv", ScriptedResponse.Json(200, "a,b,c\n1,2,3\n"));
        var ingest = harness.Command("ingest", """[{ "name": "file", "type": 11, "value": "9" }]""",
            $$"""{ "attachments": { "9": { "id": "9", "filename": "data.csv", "size": 12, "url": "{{harness.Server.Root}}/attachments/data.csv" } } }""");

        await harness.Router.HandleAsync(ingest, CancellationToken.None);

        var embed = InteractionHarness.Body(Assert.Single(harness.Edits(ingest))).GetProperty("embeds")[0];
        Assert.Contains("data.csv", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("expected", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, harness.Store.Get<Bot.Store.PaperStore>().Counts().Digests);
    }

    [Fact]
    public async Task Ingest_AttachmentOverTheLimit_IsRefusedBeforeDownloading()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var ingest = harness.Command("ingest", """[{ "name": "file", "type": 11, "value": "9" }]""",
            $$"""{ "attachments": { "9": { "id": "9", "filename": "huge.txt", "size": 999999999, "url": "{{harness.Server.Root}}/attachments/huge.txt" } } }""");

        await harness.Router.HandleAsync(ingest, CancellationToken.None);

        Assert.Contains("limit", InteractionHarness.Body(Assert.Single(harness.Edits(ingest))).GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(harness.Server.RequestsTo("GET", "~/attachments/huge.txt"));
    }

    [Fact]
    public async Task Router_UnknownCommand_AnswersPolitely()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var unknown = harness.Command("frobnicate");

        await harness.Router.HandleAsync(unknown, CancellationToken.None);

        Assert.Equal(4, InteractionHarness.Body(Assert.Single(harness.Callbacks(unknown))).GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task Router_AutocompleteForUnknownCommand_OffersNoChoicesAndSendsNoFollowUp()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var typing = harness.Interaction(4, """{ "id": "1", "name": "frobnicate", "type": 1, "options": [{ "name": "what", "type": 3, "value": "x", "focused": true }] }""");

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        // Discord accepts only type 8 for an autocomplete interaction, and it has no message to follow up.
        var callback = InteractionHarness.Body(Assert.Single(harness.Callbacks(typing)));
        Assert.Equal(8, callback.GetProperty("type").GetInt32());
        Assert.Equal(0, callback.GetProperty("data").GetProperty("choices").GetArrayLength());
        Assert.Empty(harness.FollowUps(typing));
    }

    [Fact]
    public async Task PaperAutocomplete_HandlerFails_OffersNoChoicesAndSendsNoFollowUp()
    {
        await using var harness = await InteractionHarness.StartAsync();
        var typing = harness.Interaction(4, """{ "id": "1", "name": "paper", "type": 1, "options": [{ "name": "title", "type": 3, "value": "diffusion", "focused": true }] }""");
        // The handler's own answer is refused, so it throws and the router's apology answers instead.
        harness.Server.Script("POST", $"/interactions/{typing.Id}/{typing.Token}/callback",
            ScriptedResponse.Error(400, 50035, "Invalid Form Body"), ScriptedResponse.Json(204, ""));

        await harness.Router.HandleAsync(typing, CancellationToken.None);

        var callbacks = harness.Callbacks(typing);
        Assert.Equal(2, callbacks.Length);
        var apology = InteractionHarness.Body(callbacks[1]);
        Assert.Equal(8, apology.GetProperty("type").GetInt32());
        Assert.Equal(0, apology.GetProperty("data").GetProperty("choices").GetArrayLength());
        Assert.Empty(harness.FollowUps(typing));
    }

    [Fact]
    public async Task Registrar_SameCatalogTwice_RegistersOnceThenSkips()
    {
        await using var harness = await InteractionHarness.StartAsync();
        harness.Server.Script("PUT", $"/applications/{InteractionHarness.ApplicationId}/commands", ScriptedResponse.Json(200, "[]"));

        var first = await harness.Registrar.EnsureRegisteredAsync(InteractionHarness.ApplicationId, CancellationToken.None);
        var second = await harness.Registrar.EnsureRegisteredAsync(InteractionHarness.ApplicationId, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var put = InteractionHarness.Body(Assert.Single(harness.Server.RequestsTo("PUT", $"/applications/{InteractionHarness.ApplicationId}/commands")));
        Assert.Equal(CommandCatalog.For(harness.Store.Get<Bot.Commands.Declarations.CommandSet>()).Select(c => c.Name), put.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("32", put.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ingest").GetProperty("default_member_permissions").GetString());
    }

    [Fact]
    public async Task Registrar_GuildConfigured_RegistersToThatGuildOnly()
    {
        await using var harness = await InteractionHarness.StartAsync(guildId: "1210000000000000005");
        var route = $"/applications/{InteractionHarness.ApplicationId}/guilds/1210000000000000005/commands";
        harness.Server.Script("PUT", route, ScriptedResponse.Json(200, "[]"));

        await harness.Registrar.EnsureRegisteredAsync(InteractionHarness.ApplicationId, CancellationToken.None);

        Assert.Single(harness.Server.RequestsTo("PUT", route));
        Assert.Empty(harness.Server.RequestsTo("PUT", $"/applications/{InteractionHarness.ApplicationId}/commands"));
    }
}
