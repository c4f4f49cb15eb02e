using Bot.Console;
using Bot.Inbox;
using Bot.Store;
using Bot.Tests.Cli;
using Bot.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Commands;

/// <summary>
/// User text is bounded as the store sees it, after NFKC normalisation ("㌖" is six letters then), and
/// whatever one command throws is that command's error, never the end of the worker.
/// </summary>
public sealed class HugeUserTextTests(SharedDigestStore shared, CliFixture cli) : IClassFixture<SharedDigestStore>, IClassFixture<CliFixture>
{
    /// <summary>U+3316 SQUARE KIROMEETORU: one character, six after NFKC, three bytes each in UTF-8.</summary>
    private const string Kilometre = "\u3316";

    [Theory]
    [InlineData(2_800)]
    [InlineData(60_000)]
    public void SuggestTitles_HugeWordAfterNormalisation_AnswersWithoutSqliteRefusing(int repeat)
    {
        var store = shared.Store.Get<PaperStore>();

        Assert.Empty(store.SuggestTitles(string.Concat(Enumerable.Repeat(Kilometre, repeat)), 6));
        Assert.Empty(store.SuggestTitles(new string('a', 60_000), 6));
    }

    [Fact]
    public void SuggestTitles_HundredThousandWildcards_AreNoPatternJustNothingTyped()
    {
        var store = shared.Store.Get<PaperStore>();

        Assert.Equal(store.SuggestTitles("", 6), store.SuggestTitles(string.Concat(Enumerable.Repeat("%_", 50_000)), 6));
    }

    [Fact]
    public async Task Paper_ShortLineThatNormalisesPastTheLimit_RefusedWithTheNormalisedLength()
    {
        var reply = await ConsoleLines.RunAsync(shared.Store, "/paper " + string.Concat(Enumerable.Repeat(Kilometre, 300)));

        Assert.Contains("title is at most 300 characters; this one has 1800 once its characters are spelled out (Unicode NFKC).", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_HugeInterestAfterNormalisation_Refused()
    {
        var reply = await ConsoleLines.RunAsync(shared.Store, "/follow " + string.Concat(Enumerable.Repeat("\uFDFA", 20)));

        Assert.Contains("topic is at most 200 characters; this one has 360 once", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void PaperVerb_HugeWord_FailsWithTheLimitNotAnSqliteError()
    {
        var result = cli.Run("paper", string.Concat(Enumerable.Repeat(Kilometre, 2_800)));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("title is at most 300 characters; this one has 2800", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("LIKE", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_CommandThatThrows_PrintsAnErrorAndKeepsReading()
    {
        using var store = TestStore.Create();
        var options = Options.Create(new InboxOptions { SamplesPath = "" });
        var seeder = new SampleSeeder(store.Get<PaperStore>(), store.Get<Bot.Digests.DigestIngestor>(), store.Get<Bot.Embeddings.EmbeddingBackfillSignal>(), options, NullLogger<SampleSeeder>.Instance);
        // A folder where the store file should be: every command that opens the store throws.
        Directory.CreateDirectory(store.DatabasePath);
        using var output = new StringWriter();
        using var console = new ConsoleFrontEnd(store.Get<Bot.Commands.Declarations.CommandSet>(), seeder, store.Get<IHostApplicationLifetime>(),
            NullLogger<ConsoleFrontEnd>.Instance, new StringReader("/paper abc\n/digests\n/help\n"), output);

        await console.StartAsync(CancellationToken.None);
        await console.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        var text = output.ToString();
        Assert.True(console.ExecuteTask.IsCompletedSuccessfully, console.ExecuteTask.Exception?.ToString());
        Assert.Equal(2, text.Split(ConsoleFrontEnd.CommandFailed).Length - 1);
        Assert.Contains("/search", text, StringComparison.Ordinal);
    }
}
