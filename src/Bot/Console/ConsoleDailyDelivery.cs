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

    public async Task<DeliveryReceipt> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        var reply = new CommandReply(post.Heading,
            [.. post.Items.Select(i => new ReplyItem(i.Title, i.Line, i.PaperId, i.FirstSeen, i.Link))],
            post.Items.Count == 0 ? null : "Daily picks");
        await _output.WriteLineAsync(Environment.NewLine + ReplyRenderer.Render(reply));
        await _output.FlushAsync(cancellationToken);
        return new DeliveryReceipt("console:" + post.Reference);
    }

    public Task<DeliveryReceipt?> FindDeliveredAsync(DailyPost post, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<DeliveryReceipt?>(null);
}
