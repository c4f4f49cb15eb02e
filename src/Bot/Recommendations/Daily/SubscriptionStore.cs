using System.Globalization;
using Bot.Store;
using Microsoft.Data.Sqlite;

namespace Bot.Recommendations.Daily;

/// <summary>Subscriptions to daily picks and the guilds' community digest channels, in the store.</summary>
public sealed class SubscriptionStore(SqliteDatabase database)
{
    /// <summary>Why a subscription was paused: the user's direct messages are closed to the bot.</summary>
    public const string PausedDmsClosed = "dms-closed";

    /// <summary>Why a subscription or community digest was paused: its channel (or the user) no longer exists.</summary>
    public const string PausedChannelGone = "channel-gone";

    /// <summary>Why a subscription or community digest was paused: the bot was refused access to its channel day after day.</summary>
    public const string PausedNoAccess = "no-access";

    /// <summary>Saves (and so resumes) a subscription.</summary>
    public void Save(Subscription subscription)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO daily_subscriptions(user_id, guild_id, delivery, channel_id, local_time, time_zone, pick_count, notify_empty, created_at)
            VALUES ($user, $guild, $delivery, $channel, $time, $zone, $count, $notify, $created)
            ON CONFLICT(user_id) DO UPDATE SET guild_id = excluded.guild_id, delivery = excluded.delivery,
                channel_id = excluded.channel_id, local_time = excluded.local_time, time_zone = excluded.time_zone,
                pick_count = excluded.pick_count, notify_empty = excluded.notify_empty, paused = NULL
            """,
            ("$user", subscription.UserId), ("$guild", (object?)subscription.GuildId ?? DBNull.Value),
            ("$delivery", subscription.Delivery == DeliveryKind.Dm ? "dm" : "channel"),
            ("$channel", (object?)subscription.ChannelId ?? DBNull.Value), ("$time", FormatTime(subscription.LocalTime)),
            ("$zone", subscription.TimeZone), ("$count", subscription.Count), ("$notify", subscription.NotifyEmpty ? 1 : 0),
            ("$created", StoreTime.Format(subscription.CreatedAt)));
    }

    public Subscription? Find(string userId) => ReadSubscriptions("WHERE user_id = $key", userId).FirstOrDefault();

    /// <summary>The subscriptions the scheduler posts: paused ones are left out.</summary>
    public IReadOnlyList<Subscription> ActiveSubscriptions() => ReadSubscriptions("WHERE paused IS NULL", null);

    /// <summary>Stops a subscription's posts until the user subscribes again.</summary>
    public void Pause(string userId, string reason)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "UPDATE daily_subscriptions SET paused = $reason WHERE user_id = $user", ("$reason", reason), ("$user", userId));
    }

    /// <returns>True when there was a subscription to remove.</returns>
    public bool Remove(string userId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM daily_subscriptions WHERE user_id = $user", "$user");
        Sql.Bind(command, userId);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Everything daily posts keep about a user: the subscription and the ledger of their posts. A
    /// community digest channel the user set stays (it belongs to the guild), but no longer names them.
    /// </summary>
    public static void ForgetUser(SqliteConnection connection, string userId)
    {
        Sql.Execute(connection, "DELETE FROM daily_subscriptions WHERE user_id = $user", ("$user", userId));
        Sql.Execute(connection, "DELETE FROM daily_posts WHERE target = $target", ("$target", DailyPost.LedgerTarget(DailyTargetKind.User, userId)));
        Sql.Execute(connection, "UPDATE community_digests SET set_by = '' WHERE set_by = $user", ("$user", userId));
    }

    public void ForgetUser(string userId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        ForgetUser(connection, userId);
        transaction.Commit();
    }

    public void SaveCommunityDigest(CommunityDigest digest)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO community_digests(guild_id, channel_id, local_time, time_zone, set_by, created_at)
            VALUES ($guild, $channel, $time, $zone, $by, $created)
            ON CONFLICT(guild_id) DO UPDATE SET channel_id = excluded.channel_id, local_time = excluded.local_time,
                time_zone = excluded.time_zone, set_by = excluded.set_by, paused = NULL
            """,
            ("$guild", digest.GuildId), ("$channel", digest.ChannelId), ("$time", FormatTime(digest.LocalTime)),
            ("$zone", digest.TimeZone), ("$by", digest.SetBy), ("$created", StoreTime.Format(digest.CreatedAt)));
    }

    public bool RemoveCommunityDigest(string guildId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM community_digests WHERE guild_id = $guild", "$guild");
        Sql.Bind(command, guildId);
        return command.ExecuteNonQuery() > 0;
    }

    public CommunityDigest? FindCommunityDigest(string guildId) =>
        ReadCommunityDigests("WHERE guild_id = $key", guildId).FirstOrDefault();

    public IReadOnlyList<CommunityDigest> AllCommunityDigests() => ReadCommunityDigests("", null);

    /// <summary>The community digests the scheduler posts: paused ones are left out.</summary>
    public IReadOnlyList<CommunityDigest> ActiveCommunityDigests() => ReadCommunityDigests("WHERE paused IS NULL", null);

    /// <summary>Stops a guild's community digest until an admin sets the channel again.</summary>
    public void PauseCommunityDigest(string guildId, string reason)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "UPDATE community_digests SET paused = $reason WHERE guild_id = $guild", ("$reason", reason), ("$guild", guildId));
    }

    /// <summary>
    /// The people whose interests make a guild's community digest: those who subscribed there, gave
    /// feedback there, or asked questions there (the signals that carry a guild).
    /// </summary>
    public IReadOnlyList<string> CommunityMembers(string guildId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT user_id FROM daily_subscriptions WHERE guild_id = $guild
            UNION SELECT user_id FROM user_feedback WHERE guild_id = $guild
            UNION SELECT user_id FROM user_questions WHERE guild_id = $guild
            ORDER BY 1
            """, "$guild");
        Sql.Bind(command, guildId);
        using var reader = command.ExecuteReader();
        var members = new List<string>();
        while (reader.Read())
        {
            members.Add(reader.GetString(0));
        }
        return members;
    }

    private List<Subscription> ReadSubscriptions(string where, string? key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT user_id, guild_id, delivery, channel_id, local_time, time_zone, pick_count, notify_empty, created_at, paused
            FROM daily_subscriptions {where} ORDER BY user_id
            """;
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }
        using var reader = command.ExecuteReader();
        var subscriptions = new List<Subscription>();
        while (reader.Read())
        {
            subscriptions.Add(new Subscription(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2) == "dm" ? DeliveryKind.Dm : DeliveryKind.Channel,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                ParseTime(reader.GetString(4)),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetInt32(7) != 0,
                ParseInstant(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return subscriptions;
    }

    private List<CommunityDigest> ReadCommunityDigests(string where, string? key)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT guild_id, channel_id, local_time, time_zone, set_by, created_at, paused FROM community_digests {where} ORDER BY guild_id";
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }
        using var reader = command.ExecuteReader();
        var digests = new List<CommunityDigest>();
        while (reader.Read())
        {
            digests.Add(new CommunityDigest(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)),
                reader.GetString(3), reader.GetString(4), ParseInstant(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return digests;
    }

    internal static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly ParseTime(string value) => TimeOnly.ParseExact(value, "HH:mm", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseInstant(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
