using Bot.Llm;
using Bot.Tests.Discord.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Llm;

/// <summary>Retries of the language model wait the shared backoff, with the injected Random's jitter, on the injected clock.</summary>
public sealed class ResilientChatClientTests
{
    [Fact]
    public async Task GetResponseAsync_TransientFailures_WaitsEachBackoffOnTheInjectedClock()
    {
        var clock = new FakeClock();
        var endpoint = new FailsThenAnswers(clock, failures: 2);
        using var client = Client(endpoint, clock, new FixedRandom(0.0));
        var start = clock.GetUtcNow();

        var response = await clock.RunAsync(client.GetResponseAsync("hello"));

        Assert.Equal("answer", response.Text);
        // 1 s base: half of 1 s, then half of 2 s, at the jitter's lowest point.
        Assert.Equal([start, start + TimeSpan.FromSeconds(0.5), start + TimeSpan.FromSeconds(1.5)], endpoint.Calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TransientFailureBeforeTheFirstUpdate_WaitsTheJitteredBackoffOnTheInjectedClock()
    {
        var clock = new FakeClock();
        var endpoint = new FailsThenAnswers(clock, failures: 1);
        using var client = Client(endpoint, clock, new FixedRandom(0.5));
        var start = clock.GetUtcNow();

        var updates = await clock.RunAsync(client.GetStreamingResponseAsync("hello").ToListAsync().AsTask());

        Assert.Equal("answer", string.Concat(updates.Select(u => u.Text)));
        // Jitter 0.5 draws three quarters of the 1 s step.
        Assert.Equal([start, start + TimeSpan.FromSeconds(0.75)], endpoint.Calls);
    }

    private static ResilientChatClient Client(IChatClient endpoint, TimeProvider clock, Random random) =>
        new(endpoint, clock, new RetryDelays(random, clock, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(30), maxRetries: 3,
            NullLogger<ResilientChatClient>.Instance);

    /// <summary>An endpoint that refuses the connection a few times, then answers; it notes when each call came.</summary>
    private sealed class FailsThenAnswers(TimeProvider clock, int failures) : IChatClient
    {
        public List<DateTimeOffset> Calls { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Refuse();
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            Refuse();
            // A stream that ends says why; one that just stops is a broken response.
            yield return new ChatResponseUpdate(ChatRole.Assistant, "answer") { FinishReason = ChatFinishReason.Stop };
        }

        private void Refuse()
        {
            Calls.Add(clock.GetUtcNow());
            if (Calls.Count <= failures)
            {
                throw new HttpRequestException("connection refused");
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
