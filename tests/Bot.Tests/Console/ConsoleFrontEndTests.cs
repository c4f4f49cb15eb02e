using Bot.Commands;
using Bot.Commands.Declarations;
using Bot.Console;
using Bot.Inbox;
using Bot.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Console;

/// <summary>Drives the console front end with a scripted input over a store holding the shared digests.</summary>
public sealed class ConsoleFrontEndTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private const string Fisher = "Merging Models with Fisher-Weighted Averaging";

    [Fact]
    public async Task Run_SearchWithLimit_ListsThatManyPapers()
    {
        var output = await RunAsync("/search model merging limit:3");

        Assert.Contains("3 papers for \"model merging\"", output, StringComparison.Ordinal);
        Assert.Contains(" 3. ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" 4. ", output, StringComparison.Ordinal);
        Assert.Contains("— bm25 search", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SearchForSomethingNotStored_SaysNothingMatchesWellAndMarksEachResult()
    {
        var output = await RunAsync("/search retrieval augmented generation limit:3");

        Assert.Contains("No paper matches \"retrieval augmented generation\" well; the closest 3:", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split("(Weak match: only \"").Length - 1);
    }

    [Fact]
    public async Task Run_SearchResult_ShowsItsMostQueryRelevantSentenceNotTheAbstractsFirst()
    {
        var output = await RunAsync("/search model merging limit:3");

        Assert.Contains("3 papers for \"model merging\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Weak match", output, StringComparison.Ordinal);
        // TIES-Merging's abstract opens with background on transfer learning; the line shown is about merging.
        Assert.DoesNotContain("Transfer learning - i.e., further fine-tuning", output, StringComparison.Ordinal);
        Assert.Contains("model merging techniques have emerged", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PaperByExactTitle_ShowsAbstractAndAppearances()
    {
        var output = await RunAsync("/paper " + Fisher);

        Assert.StartsWith("Research digest bot: type /help for commands, or ask a question.", output, StringComparison.Ordinal);
        Assert.Contains("> " + Fisher + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Abstract", output, StringComparison.Ordinal);
        Assert.Contains("Appeared in", output, StringComparison.Ordinal);
        Assert.Contains("first seen", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PaperWithWordsOfOneTitle_OpensIt()
    {
        var output = await RunAsync("/paper merging models fisher");

        Assert.Contains("> " + Fisher + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("the only title with \"merging models fisher\" in it", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PaperMatchingSeveral_ListsThemNumberedAndANumberOpensOne()
    {
        var output = await RunAsync("/paper merging", "/paper 2");

        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.StartsWith("> ! ", StringComparison.Ordinal) && l.Contains("papers match \"merging\"; open one by its number:", StringComparison.Ordinal));
        var second = System.Text.RegularExpressions.Regex.Match(output.ReplaceLineEndings("\n"), @"(?m)^ 2\. (.+) \[[0-9a-f]+\]$").Groups[1].Value;
        Assert.NotEmpty(second);
        Assert.Contains("> " + second + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("paper 2 of your last /paper matches", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PaperByAUniqueIdPrefix_OpensIt()
    {
        var id = shared.Store.Get<Bot.Store.PaperStore>().FindPaper(Fisher)!.Id;

        var output = await RunAsync("/paper " + id[..6], "/summarize paper " + id[..6]);

        Assert.Contains("> " + Fisher + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"the paper whose id starts with {id[..6]}", output, StringComparison.Ordinal);
        Assert.Contains("Summary", output, StringComparison.Ordinal);
        Assert.DoesNotContain("! ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PaperUnknown_SaysSo()
    {
        var output = await RunAsync("/paper zyxwv qqqq");

        Assert.Contains("! No paper has the id or title \"zyxwv qqqq\".", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Status_ReportsCountsAndSearchModes()
    {
        var output = await RunAsync("/status");

        Assert.Contains("Papers", output, StringComparison.Ordinal);
        Assert.Contains("185 in 3 digests", output, StringComparison.Ordinal);
        Assert.Contains("bm25 (default bm25)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search model limit:abc", "! limit must be a whole number, not \"abc\".")]
    [InlineData("/search model until:tomorrow", "! until must be a date like 2024-05-06, not \"tomorrow\".")]
    [InlineData("/search model digest:nope", "! No digest has the id or file name \"nope\"; stored: ")]
    [InlineData("/search model merging until:2000-01-01", "No papers match \"model merging\" until 2000-01-01.")]
    [InlineData("/search model limit:0", "! limit must be between 1 and 25.")]
    [InlineData("/search model since:yesterday", "! since must be a date like 2024-05-06, not \"yesterday\".")]
    [InlineData("/search", "! /search needs what you are looking for. /search <query> [limit:N] [since:DATE] [until:DATE] [digest:TEXT]")]
    [InlineData("/frobnicate now", "! Unknown command /frobnicate. Type /help for the list.")]
    public async Task Run_BadInput_AnswersWithAFriendlyError(string line, string expected)
    {
        var output = await RunAsync(line);

        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SearchInOneDigestByItsFileName_FindsOnlyThatDigestsPapers()
    {
        var inSample = await RunAsync("/search merging models digest:002_a9c0d2177171b39a.txt");
        var elsewhere = await RunAsync("/search knowledge distillation teacher student digest:002_a9c0d2177171b39a.txt limit:25");

        Assert.Contains("Resolving Interference When Merging Models", inSample, StringComparison.Ordinal);
        // HARD is listed in the other two samples, not in this one.
        Assert.DoesNotContain("HARD: Hard Augmentations for Robust Distillation", elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlainQuestionWithoutASlash_IsAnsweredLikeAsk()
    {
        var output = await RunAsync("how can fine-tuned models be merged using Fisher information?");
        var command = await RunAsync("/status");

        Assert.Contains("how can fine-tuned models be merged using Fisher information?\n  Answer\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(" 1. " + Fisher, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown command", output, StringComparison.Ordinal);
        Assert.Contains("185 in 3 digests", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Ask_AnswersWithNumberedSources()
    {
        var output = await RunAsync("/ask how can fine-tuned models be merged using Fisher information?");

        Assert.Contains("how can fine-tuned models be merged using Fisher information?\n  Answer\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("[1]", output, StringComparison.Ordinal);
        Assert.Contains(" 1. " + Fisher, output, StringComparison.Ordinal);
        Assert.Contains("— No language model is configured", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AskWithoutQuestion_AnswersWithAFriendlyError()
    {
        var output = await RunAsync("/ask");

        Assert.Contains("! /ask needs your question about the papers. /ask <question>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ListsTheCommands()
    {
        var output = await RunAsync("/help");

        var commands = shared.Store.Get<CommandSet>();
        foreach (var command in commands.On(Surfaces.Console).Where(c => c.Declaration.SubcommandList.Count == 0))
        {
            Assert.Contains(CommandHelp.Usage(command.Declaration), output, StringComparison.Ordinal);
        }
        Assert.Contains("/summarize digest [<digest>]", output, StringComparison.Ordinal);
        Assert.Contains("/search <query> [limit:N] [since:DATE] [until:DATE] [digest:TEXT]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("/digest-channel", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Quit_StopsReadingAndStopsTheApplication()
    {
        var lifetime = shared.Store.Get<IHostApplicationLifetime>();
        var output = await RunAsync("/status", "", "/quit", "/frobnicate");

        Assert.Contains("185 in 3 digests", output, StringComparison.Ordinal);
        Assert.Contains("> " + ConsoleFrontEnd.Stopping + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("frobnicate", output, StringComparison.Ordinal);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    private async Task<string> RunAsync(params string[] lines)
    {
        var options = Options.Create(new InboxOptions { SamplesPath = "" });
        var seeder = new SampleSeeder(shared.Store.Get<Bot.Store.PaperStore>(), shared.Store.Get<Bot.Digests.DigestIngestor>(), shared.Store.Get<Bot.Embeddings.EmbeddingBackfillSignal>(), options, NullLogger<SampleSeeder>.Instance);
        using var output = new StringWriter();
        using var console = new ConsoleFrontEnd(shared.Store.Get<CommandSet>(), seeder, shared.Store.Get<IHostApplicationLifetime>(),
            NullLogger<ConsoleFrontEnd>.Instance, new StringReader(string.Join('\n', lines) + "\n"), output);

        await console.StartAsync(CancellationToken.None);
        await console.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        return output.ToString();
    }
}
