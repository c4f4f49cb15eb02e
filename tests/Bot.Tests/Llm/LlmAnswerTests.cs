using Bot.Answers;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;

namespace Bot.Tests.Llm;

public sealed class LlmAnswerTests
{
    private const string MergeQuestion = "how do I merge fine-tuned models without retraining?";

    [Fact]
    public async Task Answer_WithLlm_RequestCarriesThePromptFileAndTheRetrievedPapers()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Merging resolves sign conflicts between task vectors [1]."));

        var answer = await harness.Answers.AnswerAsync(MergeQuestion, LlmHarness.User(), CancellationToken.None);

        var request = Assert.Single(harness.Server.Requests);
        Assert.Equal(LlmHarness.Model, request.Model);
        Assert.Equal("Bearer " + LlmHarness.ApiKey, request.Header("Authorization"));
        Assert.True(request.Stream);
        var prompt = request.Prompt;
        // The template's system message is the rules; its user message the papers and the question; the tools are the papers plugin.
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        var template = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "prompts", "answer", "skprompt.txt")).Replace("\r", "", StringComparison.Ordinal);
        var (rules, data) = (template[..template.IndexOf("<message role=\"user\">", StringComparison.Ordinal)], template[template.IndexOf("<message role=\"user\">", StringComparison.Ordinal)..]);
        foreach (var (part, message) in new[] { (rules, request.Messages[0].Content), (data, request.Messages[1].Content) })
        {
            foreach (var line in part.Split('\n').Where(l => l.Length > 0 && !l.Contains("{{", StringComparison.Ordinal) && !l.Contains("message", StringComparison.Ordinal)))
            {
                Assert.Contains(line, message, StringComparison.Ordinal);
            }
        }
        Assert.Equal(["papers_get_paper", "papers_list_digest", "papers_search", "papers_similar"], request.Tools.Order(StringComparer.Ordinal));
        Assert.Contains("<paper number=\"1\">", request.Messages[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<paper number=", request.Messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("Question: " + MergeQuestion, prompt, StringComparison.Ordinal);
        var first = LlmHarness.TitleInPrompt(prompt, 1);
        Assert.Contains("Merg", first, StringComparison.Ordinal);
        Assert.True(answer.FromLanguageModel);
        Assert.Equal("Merging resolves sign conflicts between task vectors [1].", answer.Text);
        Assert.Equal(first, Assert.Single(answer.Sources).Title);
        Assert.Equal($"Written by {LlmHarness.Model} from the cited papers.", answer.Note);
    }

    [Fact]
    public async Task Answer_CitationsOutOfRangeOrMissing_AreRemovedAndSourcesRenumbered()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text(
            "TIES resolves sign conflicts [3]. Fisher weights help [9]. Both avoid retraining [1, 3][12]. This sentence cites nothing.\n- A listed point [2-3]."));

        var answer = await harness.Answers.AnswerAsync(MergeQuestion, LlmHarness.User(), CancellationToken.None);

        var prompt = Assert.Single(harness.Server.Requests).Prompt;
        Assert.Equal("TIES resolves sign conflicts [1]. Both avoid retraining [1][2].\n- A listed point [1][3].", answer.Text);
        Assert.Equal([LlmHarness.TitleInPrompt(prompt, 3), LlmHarness.TitleInPrompt(prompt, 1), LlmHarness.TitleInPrompt(prompt, 2)],
            answer.Sources.Select(s => s.Title));
        Assert.Equal([1, 2, 3], answer.Sources.Select(s => s.Number));
    }

    [Fact]
    public async Task Answer_NoValidCitation_IsTheNoGoodMatchAnswer()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Text("Model merging was invented in 1887 by a famous paper [42]. Trust me."));

        var answer = await harness.Answers.AnswerAsync(MergeQuestion, LlmHarness.User(), CancellationToken.None);

        Assert.Equal(ExtractiveAnswerer.NoMatch, answer.Text);
        Assert.Empty(answer.Sources);
    }

    [Fact]
    public async Task Answer_WhenNothingIsRetrieved_AsksNoModel()
    {
        await using var harness = await LlmHarness.StartAsync();

        var answer = await harness.Answers.AnswerAsync("qwxzv plorf", LlmHarness.User(), CancellationToken.None);

        Assert.Equal(ExtractiveAnswerer.NoMatch, answer.Text);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Answer_SmallContextBudget_PacksFewerPapersAndTrimsAtSentences()
    {
        await using var harness = await LlmHarness.StartAsync(new Dictionary<string, string?> { ["Bot:Llm:ContextTokenBudget"] = "200" });
        harness.Server.Script(ChatReply.Text("Merging works [1]."));

        await harness.Answers.AnswerAsync(MergeQuestion, LlmHarness.User(), CancellationToken.None);

        var prompt = Assert.Single(harness.Server.Requests).Prompt;
        var start = prompt.IndexOf("<paper number=\"1\">", StringComparison.Ordinal);
        var end = prompt.LastIndexOf("</paper>", StringComparison.Ordinal) + "</paper>".Length;
        var sources = prompt[start..end];
        Assert.InRange(sources.Length, 1, 200 * 4);
        Assert.DoesNotContain("<paper number=\"5\">", sources, StringComparison.Ordinal);
        // Every kept abstract ends at a sentence boundary.
        foreach (var block in sources.Split("</paper>", StringSplitOptions.RemoveEmptyEntries).Select(b => b.Trim()).Where(b => b.Length > 0))
        {
            Assert.Matches(@"[.!?)\]""]$", block);
        }
    }

    [Fact]
    public async Task Stream_YieldsGrowingValidatedTextThenTheFinalAnswer()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Chunked(["TIES trims ", "small changes [1]. ", "It then elects ", "a sign [1]. ", "Invented claim [8]. ", "Done [1]."]));

        var updates = new List<AnswerUpdate>();
        await foreach (var update in harness.Answers.StreamAsync(MergeQuestion, LlmHarness.User(), CancellationToken.None))
        {
            updates.Add(update);
        }

        var partials = updates.Where(u => u.Final is null).Select(u => u.Text).ToList();
        Assert.Equal(["TIES trims small changes [1].", "TIES trims small changes [1]. It then elects a sign [1]."], partials);
        var final = Assert.Single(updates, u => u.Final is not null).Final!;
        Assert.Equal("TIES trims small changes [1]. It then elects a sign [1]. Done [1].", final.Text);
        Assert.Same(final, updates[^1].Final);
    }
}
