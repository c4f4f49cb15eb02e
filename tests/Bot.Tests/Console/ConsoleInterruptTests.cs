using Bot.Console;
using Bot.Hosting;
using Bot.Inbox;
using Bot.Tests.Llm;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Console;

/// <summary>Ctrl+C at the console cancels the command that is running, not the bot; with nothing running it stops the bot.</summary>
public sealed class ConsoleInterruptTests
{
    [Fact]
    public async Task Interrupt_WhileAnAnswerWaitsOnTheModel_CancelsOnlyThatCommandAndTheNextLineRuns()
    {
        await using var harness = await LlmHarness.StartAsync();
        harness.Server.Script(ChatReply.Hanging());
        var lifetime = harness.Store.Get<IHostApplicationLifetime>();
        var interrupts = new ConsoleInterrupts();
        var ctrlC = new InterruptibleConsoleLifetime(lifetime, interrupts, NullLogger<InterruptibleConsoleLifetime>.Instance);
        using var output = new StringWriter();
        using var console = Console(harness.Store, interrupts, output, "/ask how do I merge fine-tuned models without retraining?", "/status");

        await console.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => harness.Server.Requests.Count == 1);
        ctrlC.Interrupt();
        await console.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        var text = output.ToString();

        Assert.Contains("> ! " + ConsoleFrontEnd.Cancelled, text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Language model", text, StringComparison.Ordinal);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Single(harness.Server.Requests);
    }

    [Fact]
    public void Interrupt_WithNothingRunning_StopsTheBot()
    {
        using var store = TestStore.Create();
        var lifetime = store.Get<IHostApplicationLifetime>();
        var interrupts = new ConsoleInterrupts();
        var ctrlC = new InterruptibleConsoleLifetime(lifetime, interrupts, NullLogger<InterruptibleConsoleLifetime>.Instance);
        using var finished = new CancellationTokenSource();
        interrupts.Running(finished).Dispose();

        ctrlC.Interrupt();

        Assert.False(finished.IsCancellationRequested);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Theory]
    [InlineData(null, "InterruptibleConsoleLifetime")]
    [InlineData("a-token", "ConsoleLifetime")]
    public void Serve_FrontEnd_CtrlCIsTheConsolesToHandleOnlyWhenItRuns(string? token, string lifetime)
    {
        using var folder = new TempDirectory();
        using var host = BotHost.CreateBuilder(folder.File("bot.db"), worker: true, new Dictionary<string, string?> { ["Bot:Discord:Token"] = token }).Build();

        Assert.Equal(lifetime, host.Services.GetRequiredService<IHostLifetime>().GetType().Name);
    }

    private static ConsoleFrontEnd Console(TestStore store, ConsoleInterrupts interrupts, TextWriter output, params string[] lines)
    {
        var seeder = new SampleSeeder(store.Get<Bot.Store.PaperStore>(), store.Get<Bot.Digests.DigestIngestor>(), store.Get<Bot.Embeddings.EmbeddingBackfillSignal>(),
            Options.Create(new InboxOptions { SamplesPath = "" }), NullLogger<SampleSeeder>.Instance);
        return new ConsoleFrontEnd(store.Get<Bot.Commands.Declarations.CommandSet>(), seeder, store.Get<IHostApplicationLifetime>(), NullLogger<ConsoleFrontEnd>.Instance,
            new StringReader(string.Join('\n', lines) + "\n"), output, interrupts: interrupts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(5);
        }
    }
}
