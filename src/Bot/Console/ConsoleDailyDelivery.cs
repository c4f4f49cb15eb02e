using Bot.Commands;
using Bot.Recommendations.Daily;

namespace Bot.Console;

/// <summary>
/// Daily posts at the console: printed when due. The terminal keeps no history the bot could read back,
/// so a post is recorded before it is printed: never printed twice, at worst (a crash in between) not at all.
/// </summary>
public sealed class ConsoleDailyDelivery(TextWriter? output = null) : IDailyDelivery
{
    private readonly TextWriter _output = output ?? System.Console.Out;

    public async Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        // One part: the whole post. The terminal cannot be read back, so the print is recorded first: a
        // crash between the two loses the day's print rather than printing it twice, and a run whose
        // claim was taken over prints nothing.
        if (progress.Delivered.Count == 0)
        {
            progress.Record("console:" + post.Reference);
            var reply = new CommandReply(post.Heading,
                [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))],
                post.Items.Count == 0 ? null : "Daily picks");
            await _output.WriteLineAsync(Environment.NewLine + ReplyRenderer.Render(reply));
            await _output.FlushAsync(cancellationToken);
        }
        return new DeliveryReceipt(progress.Delivered[0]);
    }

    public Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
