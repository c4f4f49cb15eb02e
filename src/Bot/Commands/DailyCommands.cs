using System.Globalization;
using Bot.Recommendations.Daily;
using Microsoft.Extensions.Options;

namespace Bot.Commands;

/// <summary>
/// <c>/subscribe</c>, <c>/unsubscribe</c> and the community digest channel, for every front end. Options
/// left out keep the subscription's current value (or the configured default); bad values are refused
/// with the reason, and nothing is changed.
/// </summary>
public sealed class DailyCommands(SubscriptionStore store, TimeProvider clock, IOptions<DailyOptions> options)
{
    /// <summary>What the user typed; null means "not given".</summary>
    public sealed record SubscribeRequest(string? Delivery, string? Time, string? TimeZone, long? Count, bool? NotifyEmpty);

    /// <param name="guildId">Where the command was used; null in a DM or the console.</param>
    /// <param name="channelId">The channel it was used in, where <c>channel</c> delivery posts.</param>
    public CommandReply Subscribe(string userId, string? guildId, string? channelId, SubscribeRequest request)
    {
        var current = store.Find(userId);
        var defaults = options.Value;
        var delivery = DeliveryKind.Dm;
        if (request.Delivery is { } named)
        {
            switch (named.Trim().ToLowerInvariant())
            {
                case "dm":
                    break;
                case "channel":
                    delivery = DeliveryKind.Channel;
                    break;
                default:
                    return CommandReply.Error($"Delivery must be dm or channel, not \"{Clip(named)}\".");
            }
        }
        else if (current is not null)
        {
            delivery = current.Delivery;
        }
        if (delivery == DeliveryKind.Channel && (guildId is null || channelId is null))
        {
            return CommandReply.Error("Channel delivery posts in the server channel where you subscribe; use /subscribe in that channel, or choose dm.");
        }
        if (!TryParseTime(request.Time ?? (current is null ? defaults.DefaultTime : null), out var time, out var timeError))
        {
            return CommandReply.Error(timeError);
        }
        var zoneName = request.TimeZone?.Trim() ?? current?.TimeZone ?? defaults.DefaultTimeZone;
        if (TimeZoneIds.Find(zoneName) is not { } zone)
        {
            return CommandReply.Error($"Unknown time zone \"{Clip(zoneName)}\": use an IANA name such as Europe/Berlin, America/New_York or UTC.");
        }
        var count = request.Count ?? current?.Count ?? defaults.DefaultCount;
        if (count is < 1 or > 10)
        {
            return CommandReply.Error("count must be between 1 and 10.");
        }
        var subscription = new Subscription(
            userId,
            delivery == DeliveryKind.Channel ? guildId : guildId ?? current?.GuildId,
            delivery,
            delivery == DeliveryKind.Channel ? channelId : null,
            time ?? current!.LocalTime,
            zone.Id,
            (int)count,
            request.NotifyEmpty ?? current?.NotifyEmpty ?? false,
            current?.CreatedAt ?? clock.GetUtcNow());
        store.Save(subscription);
        var next = LocalSchedule.NextDueAfter(clock.GetUtcNow(), subscription.LocalTime, zone);
        var paused = current?.Paused;
        return new CommandReply(current is null ? "Subscribed to daily papers" : paused is not null ? "Subscription resumed" : "Subscription updated",
        [
            new("Where", delivery == DeliveryKind.Dm ? "a direct message" : "this channel"),
            new("When", $"{SubscriptionStore.FormatTime(subscription.LocalTime)} {zone.Id}, next on {Local(next, zone)}"),
            new("How many", $"up to {Bot.Commands.Count.Of(subscription.Count, "new paper")} a day"),
            new("Quiet days", subscription.NotifyEmpty ? "a short \"nothing new today\" note" : "no message"),
        ], paused is not null
            ? $"Your daily papers had been paused because {PauseReasons.Because(paused, defaults.RefusalsBeforePause)}. /unsubscribe stops them."
            : "/unsubscribe stops them.");
    }

    public CommandReply Unsubscribe(string userId) =>
        store.Remove(userId)
            ? new CommandReply("Unsubscribed: no more daily papers.", [])
            : new CommandReply("You were not subscribed.", []);

    /// <summary>
    /// A server manager stops a member's picks that post in one of the server's channels (the member may
    /// have left, and only the server can stop the posts then). DMs and other servers' channels are the
    /// member's own business; the caller has checked Manage Server.
    /// </summary>
    public CommandReply UnsubscribeMember(string guildId, string memberId)
    {
        var subscription = store.Find(memberId);
        if (subscription is not { Delivery: DeliveryKind.Channel } || subscription.GuildId != guildId)
        {
            return new CommandReply("That member has no daily picks posting in this server's channels.", []);
        }
        store.Remove(memberId);
        return new CommandReply("Stopped that member's daily picks in this server.", [new("Where", $"<#{subscription.ChannelId}>")]);
    }

    /// <summary>Sets the guild's community digest channel; the caller has checked Manage Server.</summary>
    public CommandReply SetCommunityDigest(string guildId, string channelId, string userId, string? time, string? timeZone)
    {
        var current = store.FindCommunityDigest(guildId);
        if (!TryParseTime(time ?? (current is null ? options.Value.DefaultTime : null), out var parsed, out var timeError))
        {
            return CommandReply.Error(timeError);
        }
        var zoneName = timeZone?.Trim() ?? current?.TimeZone ?? options.Value.DefaultTimeZone;
        if (TimeZoneIds.Find(zoneName) is not { } zone)
        {
            return CommandReply.Error($"Unknown time zone \"{Clip(zoneName)}\": use an IANA name such as Europe/Berlin, America/New_York or UTC.");
        }
        var digest = new CommunityDigest(guildId, channelId, parsed ?? current!.LocalTime, zone.Id, userId, current?.CreatedAt ?? clock.GetUtcNow());
        store.SaveCommunityDigest(digest);
        var next = LocalSchedule.NextDueAfter(clock.GetUtcNow(), digest.LocalTime, zone);
        return new CommandReply(current?.Paused is null ? "Community digest channel set" : "Community digest resumed",
        [
            new("Where", $"<#{channelId}>, a thread a day"),
            new("When", $"{SubscriptionStore.FormatTime(digest.LocalTime)} {zone.Id}, next on {Local(next, zone)}"),
            new("What", $"the newest digest's top {options.Value.CommunityCount} papers for this server's members, one line each"),
        ], current?.Paused is { } paused
            ? $"The community digest had been paused because {PauseReasons.Because(paused, options.Value.RefusalsBeforePause)}."
            : null);
    }

    public CommandReply ClearCommunityDigest(string guildId) =>
        store.RemoveCommunityDigest(guildId)
            ? new CommandReply("Community digest stopped for this server.", [])
            : new CommandReply("This server had no community digest channel.", []);

    /// <summary>Accepts H:mm or HH:mm (24-hour); null input stays null (keep the current time).</summary>
    private static bool TryParseTime(string? text, out TimeOnly? time, out string error)
    {
        time = null;
        error = "";
        if (text is null)
        {
            return true;
        }
        if (TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            return true;
        }
        error = $"time must be HH:mm on a 24-hour clock, for example 08:30 or 18:00, not \"{Clip(text)}\".";
        return false;
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Clip(string text) => Echo.Of(text);
}
