using System.Globalization;
using System.Net;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Daily;

/// <summary>
/// Daily posts on Discord. A subscriber's picks go to a DM (create the DM channel, then post) or to the
/// channel they subscribed in, five picks to a message; a guild's community digest is a starter message
/// (part 0) in its channel, a thread under it (part 1) and the papers in the thread (part 2). Each part
/// is recorded as it is accepted; every message carries the post's reference and its part number, which
/// is how <see cref="FindDeliveredAsync"/> recognises one a crashed run sent but did not record.
/// </summary>
public sealed class DiscordDailyDelivery(DiscordRestClient rest, DiscordIdentity identity) : IDailyDelivery
{
    // Discord's codes for a destination that will not take the post: unknown channel, unknown user,
    // missing access, cannot send messages to this user (DMs closed), missing permissions.
    private static readonly HashSet<int> GoneCodes = [UnknownChannel, UnknownUser];
    private static readonly HashSet<int> RefusalCodes = [UnknownChannel, UnknownUser, 50001, CannotMessageUser, 50013];

    /// <summary>"Cannot send messages to this user": their DMs are closed to the bot.</summary>
    private const int CannotMessageUser = 50007;

    /// <summary>"Invalid Form Body": the message we built is wrong, whatever the destination.</summary>
    private const int InvalidFormBody = 50035;

    private const int UnknownChannel = 10003;
    private const int UnknownUser = 10013;

    /// <summary>"A thread has already been created for this message" (Discord's JSON error codes).</summary>
    private const int ThreadAlreadyCreated = 160004;

    /// <summary>Threads archive after a day without messages; the next day's digest starts a new one.</summary>
    private const int ThreadArchiveMinutes = 1440;

    /// <summary>Pages of 100 messages read when looking for a post after an interrupted run.</summary>
    private const int PagesToSearch = 5;

    private const int StarterPart = 0;
    private const int ThreadPart = 1;
    private const int PapersPart = 2;

    public async Task<DeliveryReceipt> SendAsync(DailyPost post, DeliveryProgress progress, CancellationToken cancellationToken)
    {
        try
        {
            if (post.Kind == DailyTargetKind.User)
            {
                var messages = DailyMessages.ForSubscriber(post);
                if (progress.Delivered.Count < messages.Count)
                {
                    var channelId = await ChannelAsync(post, cancellationToken);
                    for (var part = progress.Delivered.Count; part < messages.Count; part++)
                    {
                        progress.Record((await rest.CreateMessageAsync(channelId, messages[part], cancellationToken)).Id);
                    }
                }
                return new DeliveryReceipt(progress.Delivered[0]);
            }
            if (progress.Delivered.Count == StarterPart)
            {
                progress.Record((await rest.CreateMessageAsync(await ChannelAsync(post, cancellationToken), DailyMessages.CommunityStarter(post), cancellationToken)).Id);
            }
            if (progress.Delivered.Count == ThreadPart)
            {
                progress.Record(await StartThreadAsync(post, progress.Delivered[StarterPart], cancellationToken));
            }
            if (progress.Delivered.Count == PapersPart)
            {
                progress.Record((await rest.CreateMessageAsync(progress.Delivered[ThreadPart], DailyMessages.CommunityPapers(post), cancellationToken)).Id);
            }
            return new DeliveryReceipt(progress.Delivered[StarterPart]);
        }
        catch (DiscordApiException exception) when (IsRefusal(exception))
        {
            throw new DeliveryRefusedException($"Discord refused the post: {exception.Message}", Kind(exception, post), exception);
        }
    }

    public async Task<string?> FindDeliveredAsync(DailyPost post, DeliveryProgress progress, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var part = progress.Delivered.Count;
        if (post.Kind == DailyTargetKind.Community && part == ThreadPart)
        {
            // Starting the thread again finds it (see StartThreadAsync); nothing to look for.
            return null;
        }
        try
        {
            var channelId = post.Kind == DailyTargetKind.Community && part == PapersPart
                ? progress.Delivered[ThreadPart]
                : await ChannelAsync(post, cancellationToken);
            // A later part comes after the previous one; the first after the day's due time.
            var after = part > 0 ? progress.Delivered[^1] : Snowflake.AtOrBefore(since);
            var botId = identity.UserId;
            // A busy channel may have more than one page of messages since then; a few pages reach far enough.
            for (var page = 0; page < PagesToSearch; page++)
            {
                var messages = await rest.GetMessagesAfterAsync(channelId, after, 100, cancellationToken);
                var found = messages.FirstOrDefault(m => (botId is null || m.Author.Id == botId) && DailyMessages.PartOf(m, post.Reference) == part);
                if (found is not null)
                {
                    return found.Id;
                }
                if (messages.Length < 100)
                {
                    return null;
                }
                after = messages.Select(m => ulong.Parse(m.Id, CultureInfo.InvariantCulture)).Max().ToString(CultureInfo.InvariantCulture);
            }
            return null;
        }
        catch (DiscordApiException exception) when (IsRefusal(exception))
        {
            // The destination cannot be read (DMs closed, channel gone), so nothing was delivered there.
            return null;
        }
    }

    /// <summary>
    /// Starts the thread under the starter. If a crashed run already started it, Discord says so, and the
    /// thread is the starter's own id (a thread started from a message shares its id).
    /// </summary>
    private async Task<string> StartThreadAsync(DailyPost post, string starterId, CancellationToken cancellationToken)
    {
        try
        {
            var thread = await rest.StartThreadFromMessageAsync(post.ChannelId ?? throw new DeliveryRefusedException("no channel is set for this post", RefusalKind.DestinationGone),
                starterId, new StartThread(DailyMessages.ThreadName(post), ThreadArchiveMinutes), cancellationToken);
            return thread.Id;
        }
        catch (DiscordApiException exception) when (exception.Code == ThreadAlreadyCreated)
        {
            return starterId;
        }
    }

    /// <summary>The channel a post goes to: the subscriber's DM channel (Discord returns the existing one), or the chosen channel.</summary>
    private async Task<string> ChannelAsync(DailyPost post, CancellationToken cancellationToken) =>
        post.Delivery == DeliveryKind.Dm
            ? (await rest.CreateDmAsync(post.TargetId, cancellationToken)).Id
            : post.ChannelId ?? throw new DeliveryRefusedException("no channel is set for this post", RefusalKind.DestinationGone);

    private static RefusalKind Kind(DiscordApiException exception, DailyPost post) =>
        exception.Code == CannotMessageUser && post.Delivery == DeliveryKind.Dm ? RefusalKind.DirectMessagesClosed
        : GoneCodes.Contains(exception.Code) || (exception.Code == 0 && exception.StatusCode == HttpStatusCode.NotFound) ? RefusalKind.DestinationGone
        : RefusalKind.NoAccess;

    /// <summary>
    /// Discord's word that this destination will not take the post: the codes above, or any other client
    /// error (a locked or archived thread, a channel that takes no messages), except what is the bot's own
    /// problem rather than the destination's (a bad token, a message Discord finds malformed: those stay
    /// errors for the operator's log) and a rate limit (the client waits and retries those).
    /// </summary>
    private static bool IsRefusal(DiscordApiException exception) =>
        RefusalCodes.Contains(exception.Code)
        || (exception.StatusCode is { } status && (int)status is >= 400 and < 500
            && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests) && exception.Code != InvalidFormBody);
}
