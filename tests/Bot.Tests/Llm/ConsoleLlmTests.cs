using Bot.Answers;
using Bot.Console;
using Bot.Inbox;
using Bot.Tests.Llm.Fakes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Llm;

public sealed class ConsoleLlmTests
{
    [Fact]
    public async Task Console_AskFollowUpAndSummarize_PrintTheModelsValidatedReplies()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(
            ChatReply.Text("TIES-Merging resolves sign conflicts [1]. PCB-Merging balances parameter competition [2]. Uncited filler."),
            ChatReply.Text("PCB-Merging parameter competition balancing"),
            ChatReply.Text("PCB-Merging drops parameters with low importance [1]."),
            ChatReply.Text("Fisher merging weights parameters by Fisher information."));
        var seeder = new SampleSeeder(harness.Store.Get<Bot.Store.PaperStore>(), harness.Store.Get<Bot.Digests.DigestIngestor>(),
            harness.Store.Get<Bot.Embeddings.EmbeddingBackfillSignal>(), Options.Create(new InboxOptions { SamplesPath = "" }), NullLogger<SampleSeeder>.Instance);
        using var output = new StringWriter();
        var input = new StringReader("/ask how do I merge fine-tuned models without retraining?\n/ask what about the second one?\n/summarize paper Merging Models with Fisher-Weighted Averaging\n");
        using var console = new ConsoleFrontEnd(harness.Store.Get<Bot.Commands.Declarations.CommandSet>(), seeder, harness.Store.Get<IHostApplicationLifetime>(), NullLogger<ConsoleFrontEnd>.Instance, input, output);

        await console.StartAsync(CancellationToken.None);
        await console.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        var text = output.ToString().ReplaceLineEndings("\n");

        Assert.Contains("    TIES-Merging resolves sign conflicts [1]. PCB-Merging balances parameter competition [2].\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Uncited filler", text, StringComparison.Ordinal);
        Assert.Contains("    PCB-Merging drops parameters with low importance [1].\n", text, StringComparison.Ordinal);
        Assert.Contains("    Fisher merging weights parameters by Fisher information.\n", text, StringComparison.Ordinal);
        Assert.Contains("— Summarised by the language model.", text, StringComparison.Ordinal);
        Assert.Equal(4, harness.Server.Requests.Count);
    }
}
