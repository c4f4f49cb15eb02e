namespace Bot.Recommendations.Daily;

/// <summary>Where a user's daily picks go: a direct message, or a channel of the guild they subscribed in.</summary>
public enum DeliveryKind
{
    Dm,
    Channel,
}

/// <summary>
/// One user's daily picks: where, when (a wall-clock time in an IANA time zone) and how many.
/// <paramref name="GuildId"/> is where they subscribed (null in a DM); the picks use that guild's signals.
/// <paramref name="Paused"/> says why posts stopped (one of <see cref="SubscriptionStore"/>'s reasons), null while they run.
/// </summary>
public sealed record Subscription(
    string UserId,
    string? GuildId,
    DeliveryKind Delivery,
    string? ChannelId,
    TimeOnly LocalTime,
    string TimeZone,
    int Count,
    bool NotifyEmpty,
    DateTimeOffset CreatedAt,
    string? Paused = null);

/// <summary>
/// A guild's community digest: a thread a day in <paramref name="ChannelId"/>, at a local time.
/// <paramref name="Paused"/> says why posts stopped (the channel is gone, or the bot may not post there), null while they run.
/// </summary>
public sealed record CommunityDigest(
    string GuildId,
    string ChannelId,
    TimeOnly LocalTime,
    string TimeZone,
    string SetBy,
    DateTimeOffset CreatedAt,
    string? Paused = null);
