using Bot.Answers;
using Bot.Commands;
using Bot.Digests;
using Bot.Tests.Discord.Fakes;
using Bot.Tests.Llm.Fakes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Llm;

/// <summary>
/// The real host over a store holding the shared digests, with <c>Bot:Llm</c> pointed at a loopback
/// OpenAI-compatible fake and every log line captured.
/// </summary>
internal sealed class LlmHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-SECRET-7f3a9c2e1b5d";
    public const string Model = "fake-model-1";

    private LlmHarness(FakeChatServer server, TestStore store, CapturingLoggerProvider logs)
    {
        Server = server;
        Store = store;
        Logs = logs;
    }

    public FakeChatServer Server { get; }

    public TestStore Store { get; }

    public CapturingLoggerProvider Logs { get; }

    public AnswerService Answers => Store.Get<AnswerService>();

    public BotCommands Commands => Store.Get<BotCommands>();

    /// <param name="clock">A clock with timers for timeout and retry tests; the store's hand-set clock otherwise.</param>
    /// <param name="random">The backoff's jitter source; Random.Shared otherwise.</param>
    public static async Task<LlmHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, Random? random = null, params string[] extraDigests)
    {
        var server = await FakeChatServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var all = new Dictionary<string, string?>
        {
            ["Bot:Llm:Endpoint"] = server.Endpoint,
            ["Bot:Llm:Model"] = Model,
            ["Bot:Llm:ApiKey"] = ApiKey,
            ["Bot:Llm:RetryBaseSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var store = TestStore.Create(settings: all, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            if (random is not null)
            {
                services.AddSingleton(random);
            }
        });
        var report = await store.Get<DigestIngestor>().IngestPathsAsync([TestPaths.SharedDigests, .. extraDigests], CancellationToken.None);
        Assert.Empty(report.Errors);
        return new LlmHarness(server, store, logs);
    }

    public static Asker User(string user = "u1", string? guild = "g1", string conversation = "c1") => new(user, guild, conversation);

    /// <summary>The title of the paper numbered <paramref name="number"/> in a recorded prompt.</summary>
    public static string TitleInPrompt(string prompt, int number)
    {
        var start = prompt.IndexOf($"<paper number=\"{number}\">\nTitle: ", StringComparison.Ordinal);
        Assert.True(start >= 0, $"paper {number} is not in the prompt");
        start = prompt.IndexOf("Title: ", start, StringComparison.Ordinal) + "Title: ".Length;
        return prompt[start..prompt.IndexOf('\n', start)];
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Server.DisposeAsync();
    }
}
