namespace Bot.Recommendations.Daily;

/// <summary>
/// Where daily posts go (Discord, or the local console). The scheduler decides what and when; a
/// delivery only sends, one message (part) at a time through <see cref="DeliveryProgress"/>, and says
/// whether the next part already arrived, so an interrupted run is finished without sending any part twice.
/// </summary>
public interface IDailyDelivery
{
    /// <summary>
    /// Sends the parts not yet in <paramref name="progress"/>, recording each as it is accepted (nothing,
    /// when every part is there). Throws <see cref="ClaimLostException"/> out of a record when another
    /// run has taken the post over, which stops the sending.
    /// </summary>
    Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// The id of the part after those in <paramref name="progress"/> if it is already at its destination
    /// (sent by a run that died before recording it), sent at or after <paramref name="since"/>; null when
    /// it is not there or the destination cannot be read back.
    /// </summary>
    Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>
/// The parts of a post delivered so far (message ids, in order), and the hook that records each new one
/// in the ledger before the next is sent. A crash therefore leaves at most one part unrecorded: the one
/// that was in flight.
/// </summary>
public sealed class DeliveryProgress(IEnumerable<string> delivered, Action<string> record)
{
    private readonly List<string> _delivered = [.. delivered];

    public IReadOnlyList<string> Delivered => _delivered;

    public void Record(string messageId)
    {
        record(messageId);
        _delivered.Add(messageId);
    }
}

/// <summary>The destination refused the post for good (DMs closed, channel gone): retrying will not help.</summary>
/// <param name="directMessagesClosed">The user does not take direct messages from the bot: their subscription pauses.</param>
public sealed class DeliveryRefusedException(string message, Exception? innerException = null, bool directMessagesClosed = false) : Exception(message, innerException)
{
    public bool DirectMessagesClosed { get; } = directMessagesClosed;
}

/// <summary>Another run took this post over (the lease ran out while sending): this run stops, the other finishes it.</summary>
public sealed class ClaimLostException(string message) : Exception(message);
