namespace Bot.Recommendations.Daily;

/// <summary>
/// Where daily posts go (Discord, or the local console). The scheduler decides what and when; a
/// delivery only sends, and says whether a post already arrived, so an interrupted run is finished
/// without sending twice.
/// </summary>
public interface IDailyDelivery
{
    Task<DeliveryReceipt> SendAsync(DailyPost post, CancellationToken cancellationToken);

    /// <summary>
    /// The post if it is already at its destination (it carries <see cref="DailyPost.Reference"/>),
    /// sent at or after <paramref name="since"/>; null when it is not there.
    /// </summary>
    Task<DeliveryReceipt?> FindDeliveredAsync(DailyPost post, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The destination refused the post for good (DMs closed, channel gone): retrying will not help.</summary>
public sealed class DeliveryRefusedException(string message, Exception? innerException = null) : Exception(message, innerException);
