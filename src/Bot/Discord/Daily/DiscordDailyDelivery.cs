using System.Net;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Daily;

/// <summary>
/// Daily posts on Discord. A subscriber's picks go to a DM (create the DM channel, then post) or to the
/// channel they subscribed in; a guild's community digest is a starter message in its channel with a
/// thread under it holding the papers. Every post carries its reference in an embed footer, which is
/// how <see cref="FindDeliveredAsync"/> recognises it after an interrupted run.
/// </summary>
public sealed class DiscordDailyDelivery(DiscordRestClient rest, DiscordIdentity identity) : IDailyDelivery
{
    // Discord's codes for a destination that will not take the post: unknown channel, missing access,
    // cannot send messages to this user (DMs closed), missing permissions.
    private static readonly HashSet<int> RefusalCodes = [10003, 50001, 50007, 50013];

    /// <summary>Threads archive after a day without messages; the next day's digest starts a new one.</summary>
    private const int ThreadArchiveMinutes = 1440;

    /// <summary>Pages of 100 messages read when looking for a post after an interrupted run.</summary>
    private const int PagesToSearch = 5;

    public async Task<DeliveryReceipt> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        try
        {
            var channelId = await ChannelAsync(post, cancellationToken);
            if (post.Kind == DailyTargetKind.User)
            {
                // The first message carries the reference; if a crash cuts the rest, the day still counts as delivered.
                var sent = new List<string>();
                foreach (var message in DailyMessages.ForSubscriber(post))
                {
                    sent.Add((await rest.CreateMessageAsync(channelId, message, cancellationToken)).Id);
                }
                return new DeliveryReceipt(sent[0]);
            }
            var starter = await rest.CreateMessageAsync(channelId, DailyMessages.CommunityStarter(post), cancellationToken);
            var thread = await rest.StartThreadFromMessageAsync(channelId, starter.Id,
                new StartThread(DailyMessages.ThreadName(post), ThreadArchiveMinutes), cancellationToken);
            await rest.CreateMessagesAsync(thread.Id, DailyMessages.CommunityPapers(post), cancellationToken);
            return new DeliveryReceipt(starter.Id);
        }
        catch (DiscordApiException exception) when (IsRefusal(exception))
        {
            throw new DeliveryRefusedException($"Discord refused the post: {exception.Message}", exception);
        }
    }

    public async Task<DeliveryReceipt?> FindDeliveredAsync(DailyPost post, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            var channelId = await ChannelAsync(post, cancellationToken);
            var after = Snowflake.AtOrBefore(since);
            var botId = identity.UserId;
            // A busy channel may have more than one page of messages since then; a few pages reach far enough.
            for (var page = 0; page < PagesToSearch; page++)
            {
                var messages = await rest.GetMessagesAfterAsync(channelId, after, 100, cancellationToken);
                var found = messages.FirstOrDefault(m => (botId is null || m.Author.Id == botId) && DailyMessages.Carries(m, post.Reference));
                if (found is not null)
                {
                    return new DeliveryReceipt(found.Id);
                }
                if (messages.Length < 100)
                {
                    return null;
                }
                after = messages.Select(m => ulong.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)).Max().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return null;
        }
        catch (DiscordApiException exception) when (IsRefusal(exception))
        {
            // The destination cannot be read (DMs closed, channel gone), so nothing was delivered there.
            return null;
        }
    }

    /// <summary>The channel a post goes to: the subscriber's DM channel (Discord returns the existing one), or the chosen channel.</summary>
    private async Task<string> ChannelAsync(DailyPost post, CancellationToken cancellationToken) =>
        post.Delivery == DeliveryKind.Dm
            ? (await rest.CreateDmAsync(post.TargetId, cancellationToken)).Id
            : post.ChannelId ?? throw new DeliveryRefusedException("no channel is set for this post");

    private static bool IsRefusal(DiscordApiException exception) =>
        RefusalCodes.Contains(exception.Code) || exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}
