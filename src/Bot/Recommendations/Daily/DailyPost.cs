using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Bot.Recommendations.Daily;

/// <summary>Who a post is for: one subscriber, or a guild's community digest.</summary>
public enum DailyTargetKind
{
    User,
    Community,
}

/// <summary>
/// One day's post, exactly as it is sent (and stored with its claim, so a retry sends the same thing).
/// <see cref="Reference"/> is a short fingerprint of the target and day that the post carries, so a
/// later run can tell whether it already arrived. <see cref="ComposedAt"/> is no later than the moment
/// its papers were chosen; <see cref="DigestMark"/> is the store's newest digest (by the order digests
/// were committed) at that moment: digests after the mark are new for the next post. The mark, not the
/// time, decides, because a digest stamped before the post but committed after it would fall between
/// two posts' times.
/// </summary>
public sealed record DailyPost(
    DailyTargetKind Kind,
    string TargetId,
    string? GuildId,
    DeliveryKind Delivery,
    string? ChannelId,
    DateOnly LocalDate,
    string Heading,
    IReadOnlyList<DailyPostItem> Items,
    string? DigestId = null,
    DateTimeOffset? ComposedAt = null,
    long? DigestMark = null)
{
    /// <summary>True for the "nothing new today" notice a subscriber opted into.</summary>
    [JsonIgnore]
    public bool IsEmptyNotice => Items.Count == 0;

    [JsonIgnore]
    public string Reference => ReferenceFor(Kind, TargetId, LocalDate);

    /// <summary>The ledger's key for a target: <c>user:ID</c> or <c>guild:ID</c>.</summary>
    public static string LedgerTarget(DailyTargetKind kind, string id) => (kind == DailyTargetKind.User ? "user:" : "guild:") + id;

    public static string ReferenceFor(DailyTargetKind kind, string id, DateOnly day)
    {
        var key = $"{LedgerTarget(kind, id)}:{day:yyyy-MM-dd}";
        return "dp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}

/// <summary>
/// One paper in a post. <paramref name="Line"/> is the reason it was picked (a subscriber's post) or its
/// one-line summary (the community digest).
/// </summary>
public sealed record DailyPostItem(
    long PaperRowId,
    string PaperId,
    string Title,
    string Abstract,
    DateOnly FirstSeen,
    string? Link,
    double Score,
    string Line);

/// <summary>What the destination returned for a delivered post (the message id, for the ledger).</summary>
public sealed record DeliveryReceipt(string MessageId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DailyPost))]
internal sealed partial class DailyPostJsonContext : JsonSerializerContext;
