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

/// <summary>Why a destination refused a post: what the scheduler does next depends on it.</summary>
public enum RefusalKind
{
    /// <summary>The user does not take direct messages from the bot: their subscription pauses at once.</summary>
    DirectMessagesClosed,

    /// <summary>The channel (or the user) no longer exists: the subscription or community digest pauses at once.</summary>
    DestinationGone,

    /// <summary>
    /// The bot may not see or post in the channel. An admin may be fixing the permissions, so the target
    /// pauses only after several due days refused in a row.
    /// </summary>
    NoAccess,
}

/// <summary>The destination refused the post (DMs closed, channel gone, no permission): retrying the same day will not help.</summary>
public sealed class DeliveryRefusedException(string message, RefusalKind kind, Exception? innerException = null) : Exception(message, innerException)
{
    public RefusalKind Kind { get; } = kind;
}

/// <summary>Another run took this post over (the lease ran out while sending): this run stops, the other finishes it.</summary>
public sealed class ClaimLostException(string message) : Exception(message);
