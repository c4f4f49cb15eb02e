using Bot.Commands;

namespace Bot.Discord.Interactions;

/// <summary>
/// Shows a reply as it is written without flooding Discord: the first partial reply goes out at
/// once, later ones at most once per <see cref="Interval"/> on the injected clock (skipped ones are
/// simply overtaken by newer text), and the final reply always.
/// </summary>
public static class StreamedReply
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <param name="send">Posts or edits the message; told whether this is the final reply.</param>
    public static async Task SendAsync(IAsyncEnumerable<AskProgress> steps, TimeProvider clock, Func<CommandReply, bool, Task> send, CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        await foreach (var step in steps.WithCancellation(cancellationToken))
        {
            var now = clock.GetUtcNow();
            if (!step.IsFinal && last is { } previous && now - previous < Interval)
            {
                continue;
            }
            await send(step.Reply, step.IsFinal);
            last = now;
        }
    }
}
