using Bot.Commands;
using Bot.Recommendations.Daily;

namespace Bot.Console;

/// <summary>
/// Daily posts at the console: printed when due. The terminal keeps no history the bot could read back,
/// so a post interrupted between printing and being recorded may print again after a restart.
/// </summary>
public sealed class ConsoleDailyDelivery(TextWriter? output = null) : IDailyDelivery
{
    private readonly TextWriter _output = output ?? System.Console.Out;

    public async Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        // One part: the whole post, printed once (a resumed run that finds it recorded prints nothing).
        if (progress.Delivered.Count == 0)
        {
            var reply = new CommandReply(post.Heading,
                [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))],
                post.Items.Count == 0 ? null : "Daily picks");
            await _output.WriteLineAsync(Environment.NewLine + ReplyRenderer.Render(reply));
            await _output.FlushAsync(cancellationToken);
            progress.Record("console:" + post.Reference);
        }
        return new DeliveryReceipt(progress.Delivered[0]);
    }

    public Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
