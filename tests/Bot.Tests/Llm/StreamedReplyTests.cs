using Bot.Answers;
using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Tests.Fakes;

namespace Bot.Tests.Llm;

public sealed class StreamedReplyTests
{
    [Fact]
    public async Task SendAsync_PartialsFasterThanASecond_SendsTheFirstThenOnePerSecondAndTheFinal()
    {
        var clock = new FakeTimeProvider();
        var sent = new List<(string Text, bool Final, DateTimeOffset At)>();

        // Eleven partial replies 300 ms apart (0 … 3.0 s), then the final one at 3.3 s.
        async IAsyncEnumerable<AskProgress> Steps()
        {
            for (var i = 0; i <= 10; i++)
            {
                yield return new AskProgress(new CommandReply($"part {i}", []), IsFinal: false);
                clock.Advance(TimeSpan.FromMilliseconds(300));
                await Task.Yield();
            }
            yield return new AskProgress(new CommandReply("final", []), IsFinal: true);
        }

        await StreamedReply.SendAsync(Steps(), clock, (reply, final) =>
        {
            sent.Add((reply.Headline, final, clock.GetUtcNow()));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(["part 0", "part 4", "part 8", "final"], sent.Select(s => s.Text));
        Assert.Equal([false, false, false, true], sent.Select(s => s.Final));
    }
}
