using Bot.Commands.Declarations;
using Bot.Console;
using Bot.Embeddings;
using Bot.Inbox;
using Bot.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Console;

/// <summary>
/// The console says what happens in the background, above the prompt: when the embedding is done (and
/// how far a long one has got), and what each file dropped in the inbox did.
/// </summary>
public sealed class BackgroundNoticeTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    [Fact]
    public async Task Console_EmbeddingFinishesWhileAtThePrompt_SaysSoOnItsOwnLineAndPromptsAgain()
    {
        var (output, _) = await RunAsync((progress, _) =>
        {
            progress.Report(new EmbeddingRun("model-a", 64, 185));
            progress.Report(new EmbeddingRun("model-a", 185, 185));
        });

        Assert.Contains("> \nEmbedded 185 papers with model-a; search and answers now use every paper's vector.\n> ", output, StringComparison.Ordinal);
        // A short run gets no lines along the way.
        Assert.DoesNotContain("64 of 185", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_LongEmbeddingRun_GetsALineAtEachQuarter()
    {
        var (output, _) = await RunAsync((progress, _) =>
        {
            for (var done = 64; done < 4_000; done += 64)
            {
                progress.Report(new EmbeddingRun("model-a", done, 4_000));
            }
            progress.Report(new EmbeddingRun("model-a", 4_000, 4_000));
        });

        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("Embedding: ", StringComparison.Ordinal) && l.EndsWith(" of 4,000 papers done.", StringComparison.Ordinal)));
        Assert.Contains("Embedding: 1,024 of 4,000 papers done.", output, StringComparison.Ordinal);
        Assert.Contains("Embedded 4,000 papers with model-a", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_InboxFiles_EachSaysWhatItDidNamingTheFileOnce()
    {
        var (output, _) = await RunAsync((_, inbox) =>
        {
            inbox.Report(new InboxArrival("may-6.txt", new Bot.Digests.IngestReport(1, 0, 12, 3, [], [])));
            inbox.Report(new InboxArrival("again.txt", new Bot.Digests.IngestReport(0, 1, 0, 12, [], [])));
            inbox.Report(new InboxArrival("notes.txt", Bot.Digests.IngestReport.Empty with { Errors = ["/srv/inbox/notes.txt: expected a Daily Papers digest"] }));
        });

        Assert.Contains("\nInbox: added may-6.txt: 12 new papers, 3 already known.\n> ", output, StringComparison.Ordinal);
        Assert.Contains("\nInbox: again.txt is a digest already stored; nothing changed.\n> ", output, StringComparison.Ordinal);
        Assert.Contains("\nInbox: notes.txt was not added: expected a Daily Papers digest\n> ", output, StringComparison.Ordinal);
    }

    /// <summary>Starts the console, reports what happened once it waits at the prompt, then quits.</summary>
    private async Task<(string Output, ConsoleFrontEnd Console)> RunAsync(Action<EmbeddingProgress, InboxArrivals> report)
    {
        var options = Options.Create(new InboxOptions { SamplesPath = "" });
        var seeder = new SampleSeeder(shared.Store.Get<Bot.Store.PaperStore>(), shared.Store.Get<Bot.Digests.DigestIngestor>(), shared.Store.Get<EmbeddingBackfillSignal>(), options, NullLogger<SampleSeeder>.Instance);
        var progress = new EmbeddingProgress();
        var arrivals = new InboxArrivals();
        var input = new GatedReader();
        var output = new StringWriter();
        using var console = new ConsoleFrontEnd(shared.Store.Get<CommandSet>(), seeder, shared.Store.Get<IHostApplicationLifetime>(),
            NullLogger<ConsoleFrontEnd>.Instance, input, output, embedding: progress, arrivals: arrivals);

        await console.StartAsync(CancellationToken.None);
        await input.Waiting.WaitAsync(TimeSpan.FromSeconds(30));
        report(progress, arrivals);
        input.Send("/quit");
        await console.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        return (output.ToString().ReplaceLineEndings("\n"), console);
    }

    /// <summary>Standard input with nobody typing yet: the first read waits until a line is sent.</summary>
    private sealed class GatedReader : TextReader
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public void Send(string line) => _line.TrySetResult(line);

        public override string? ReadLine()
        {
            _waiting.TrySetResult();
            return _line.Task.GetAwaiter().GetResult();
        }
    }
}
