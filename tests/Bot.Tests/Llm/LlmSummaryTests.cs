using Bot.Answers;
using Bot.Store;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

/// <summary>Summaries by the language model, cached by subject, prompt version and model.</summary>
public sealed class LlmSummaryTests
{
    private const string Paper = "Merging Models with Fisher-Weighted Averaging";

    [Fact]
    public async Task SummarizePaper_Twice_TheSecondComesFromTheCacheWithoutARequest()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Fisher merging weights each model's parameters by their Fisher information, matching costly baselines."));

        var first = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);
        var second = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.False(request.Stream);
        var template = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "prompts", "summarize-paper", "skprompt.txt"));
        Assert.Contains(template.Split('\n')[1].TrimEnd('\r')[..60], request.Prompt, StringComparison.Ordinal);
        Assert.Empty(request.Tools);
        Assert.Contains("Title: " + Paper, request.Prompt, StringComparison.Ordinal);
        Assert.Equal("Fisher merging weights each model's parameters by their Fisher information, matching costly baselines.", first.Items[0].Text);
        Assert.Equal("Summarised by the language model.", first.Footer);
        Assert.Equal(first.Items[0].Text, second.Items[0].Text);
        Assert.Equal("Summarised by the language model (cached).", second.Footer);
        var version = harness.Store.Get<LlmSummarizer>().PromptVersion("summarize-paper");
        Assert.Equal(harness.Store.Get<PromptLibrary>().Version("summarize-paper") + "-300w", version);
        using var connection = harness.Store.OpenRaw();
        Assert.Equal(1, StoreProbe.Scalar<long>(connection,
            $"SELECT count(*) FROM summaries WHERE kind = 'paper' AND prompt_version = '{version}' AND model = '{LlmHarness.Model}'"));
    }

    [Fact]
    public async Task SummarizePaper_ModelAddsALink_TheLinkIsRemovedBeforeCachingAndShowing()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Fisher merging weights parameters by Fisher information. Details: [here](https://evil.example/x) and https://evil.example/y."));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("Fisher merging weights parameters by Fisher information. Details: here and (link removed).", reply.Items[0].Text);
        using var connection = harness.Store.OpenRaw();
        Assert.Empty(StoreProbe.ColumnsMentioning(connection, "evil.example"));
    }

    [Fact]
    public async Task SummarizePaper_CachedForAnotherModelOrPromptVersion_AsksTheModelAgain()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("A fresh summary of Fisher merging."));
        var paper = harness.Store.Get<PaperStore>().FindPaper(Paper)!;
        var cache = harness.Store.Get<SummaryStore>();
        var version = harness.Store.Get<LlmSummarizer>().PromptVersion("summarize-paper");
        cache.Save("paper", paper.Id, version, "another-model", new CachedSummary("Another model's summary.", []));
        cache.Save("paper", paper.Id, "an-older-prompt", LlmHarness.Model, new CachedSummary("An older prompt's summary.", []));
        // The same template asked for another length (Bot:Llm:MaxAnswerTokens changed) is another prompt.
        var template = harness.Store.Get<PromptLibrary>().Version("summarize-paper");
        cache.Save("paper", paper.Id, template + "-60w", LlmHarness.Model, new CachedSummary("A shorter summary.", []));
        cache.Save("paper", paper.Id, template, LlmHarness.Model, new CachedSummary("A summary keyed by the template alone.", []));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Single(harness.Server.Requests);
        Assert.Equal("A fresh summary of Fisher merging.", reply.Items[0].Text);
    }

    [Fact]
    public async Task SummarizeDigest_WithLlm_CitesTheDigestsPapersAndIsCached()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Several papers merge fine-tuned models [2]. Others speed up diffusion [1]. A paper that does not exist [999]."));

        var reply = await harness.Commands.SummarizeDigestAsync(null, LlmHarness.User(), CancellationToken.None);
        var again = await harness.Commands.SummarizeDigestAsync(null, LlmHarness.User(), CancellationToken.None);

        var prompt = Assert.Single(harness.Server.Requests).Prompt;
        Assert.Contains("Theme 1 (", prompt, StringComparison.Ordinal);
        Assert.Equal("Several papers merge fine-tuned models [1]. Others speed up diffusion [2].", reply.Items[0].Text);
        Assert.Equal([LlmHarness.TitleInPrompt(prompt, 2), LlmHarness.TitleInPrompt(prompt, 1)], reply.Items.Skip(1).Select(i => i.Title));
        Assert.Equal(reply.Items.Select(i => i.Title), again.Items.Select(i => i.Title));
        Assert.Equal("Summarised by the language model (cached).", again.Footer);
    }

    [Fact]
    public async Task SummarizePaper_EndpointDown_GivesTheKeySentencesWithANote()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:MaxRetries"] = "0" });
        harness.Server.Script(ChatReply.Error(503, "overloaded"));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.False(reply.IsError);
        Assert.Equal("The language model is unavailable (HTTP 503); here are the key sentences instead.", reply.Footer);
        Assert.Equal(string.Join(" ", PaperSummarizer.KeySentences(harness.Store.Get<PaperStore>().FindPaper(Paper)!.Abstract)), reply.Items[0].Text);
        using var connection = harness.Store.OpenRaw();
        Assert.Equal(0, StoreProbe.Count(connection, "summaries"));
    }

    [Fact]
    public async Task SummarizePaper_BudgetSpentOrUsed_RefusedWithTheRenewalAndChargedWhatTheServerReported()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:UserTokensPerDay"] = "100" });
        harness.Server.Script(ChatReply.Text("Fisher merging weights parameters by Fisher information.", usage: (90, 30)));

        var first = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);
        var other = await harness.Commands.SummarizePaperAsync("Resolving Interference When Merging Models", LlmHarness.User(), CancellationToken.None);
        var cached = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("Summarised by the language model.", first.Footer);
        Assert.Equal(120, harness.Store.Get<Bot.Llm.TokenBudget>().UsedToday(LlmHarness.User().UserId));
        Assert.Equal("You have used today's language-model budget (100 tokens); it renews at 2024-05-07 00:00 UTC. Here are the key sentences instead.", other.Footer);
        Assert.Equal("Summarised by the language model (cached).", cached.Footer);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public async Task SummarizeDigest_ReplyUnusable_StillChargedSoRetryingIsNotFree()
    {
        await using var harness = await LlmHarness.StartAsync();
        // No valid citation: nothing to show or cache, but the server did the work.
        harness.Server.Script(ChatReply.Text("Every paper is great [42].", usage: (400, 20)));

        var first = await harness.Commands.SummarizeDigestAsync(null, LlmHarness.User(), CancellationToken.None);
        var second = await harness.Commands.SummarizeDigestAsync(null, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("The language model's summary was unusable; here are the themes instead.", first.Footer);
        Assert.Equal(first.Footer, second.Footer);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Equal(840, harness.Store.Get<Bot.Llm.TokenBudget>().UsedToday(LlmHarness.User().UserId));
    }

    [Fact]
    public async Task SummarizePaper_ModelCitesSourcesThatDoNotExist_ThoseClaimsAreDroppedBeforeCachingAndShowing()
    {
        await using var harness = await LlmHarness.StartAsync();
        // One paper was shown: [1] is that paper and says nothing new; [9] and [2] name nothing.
        harness.Server.Script(ChatReply.Text("Fisher merging weights parameters by their Fisher information [1]. "
            + "It beats every baseline on Zorblax [9]. A follow-up extends it to vision [2]. It needs no retraining [1][7]."));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("Fisher merging weights parameters by their Fisher information. It needs no retraining.", reply.Items[0].Text);
        Assert.Equal("Summarised by the language model.", reply.Footer);
        using var connection = harness.Store.OpenRaw();
        Assert.Empty(StoreProbe.ColumnsMentioning(connection, "Zorblax"));
    }

    [Fact]
    public async Task SummarizePaper_EveryClaimCitesAnInventedSource_TheKeySentencesStandIn()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Fisher merging is the best method [2]. Everyone uses it ［3］."));

        var reply = await harness.Commands.SummarizePaperAsync(Paper, LlmHarness.User(), CancellationToken.None);

        Assert.Equal("The language model's summary was unusable; here are the key sentences instead.", reply.Footer);
        Assert.Equal(string.Join(" ", PaperSummarizer.KeySentences(harness.Store.Get<PaperStore>().FindPaper(Paper)!.Abstract)), reply.Items[0].Text);
    }

    [Fact]
    public async Task SummarizeDigest_InventedNumbersAmongValidOnesAndAQuoteOfThePrompt_OnlyTheValidClaimsRemain()
    {
        await using var harness = await LlmHarness.StartAsync();
        // The digest prompt's own sentence, cut short and cited, is a leak like any other.
        harness.Server.Script(ChatReply.Text("Several papers merge fine-tuned models [1][998]. Others speed up diffusion ［997］. "
            + "For each theme, write one sentence [1]. On what its papers share [2]."));

        var reply = await harness.Commands.SummarizeDigestAsync(null, LlmHarness.User(), CancellationToken.None);

        var prompt = Assert.Single(harness.Server.Requests).Prompt;
        Assert.Equal("Several papers merge fine-tuned models [1].", reply.Items[0].Text);
        Assert.Equal([LlmHarness.TitleInPrompt(prompt, 1)], reply.Items.Skip(1).Select(i => i.Title));
    }
}
