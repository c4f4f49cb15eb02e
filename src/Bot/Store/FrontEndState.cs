using System.Globalization;

namespace Bot.Store;

/// <summary>
/// State a chat front end keeps in the store rather than in memory, so a restart, a resumed gateway
/// session replaying events, or a second instance all see the same thing: cooldowns, which events
/// were already handled, and small named values (such as the hash of the registered commands).
/// </summary>
public sealed class FrontEndState(SqliteDatabase database, TimeProvider clock)
{
    /// <summary>
    /// Starts a cooldown for <paramref name="userId"/> on <paramref name="command"/> unless one is running.
    /// </summary>
    /// <returns>Zero when the user may go ahead; otherwise how long until they may.</returns>
    public TimeSpan TryStartCooldown(string userId, string command, TimeSpan cooldown)
    {
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var until = Sql.Scalar<string>(connection, "SELECT until FROM cooldowns WHERE user_id = $user AND command = $command",
            ("$user", userId), ("$command", command));
        if (until is not null && DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) is var end && end > now)
        {
            return end - now;
        }
        Sql.Execute(connection, """
            INSERT INTO cooldowns(user_id, command, until) VALUES ($user, $command, $until)
            ON CONFLICT(user_id, command) DO UPDATE SET until = excluded.until
            """, ("$user", userId), ("$command", command), ("$until", StoreTime.Format(now + cooldown)));
        transaction.Commit();
        return TimeSpan.Zero;
    }

    /// <summary>True the first time an event id is claimed, false ever after: the same event is handled once.</summary>
    public bool TryClaimEvent(string eventId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "INSERT OR IGNORE INTO handled_events(id, handled_at) VALUES ($id, $now)", "$id", "$now");
        Sql.Bind(command, eventId, StoreTime.Format(clock.GetUtcNow()));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Forgets handled events older than <paramref name="age"/> (Discord never replays them that late).</summary>
    public int ForgetEventsOlderThan(TimeSpan age)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM handled_events WHERE handled_at < $cutoff", "$cutoff");
        Sql.Bind(command, StoreTime.Format(clock.GetUtcNow() - age));
        return command.ExecuteNonQuery();
    }

    public string? Get(string key)
    {
        using var connection = database.Open();
        return Sql.Scalar<string>(connection, "SELECT value FROM bot_state WHERE key = $key", ("$key", key));
    }

    /// <param name="userId">The user the value is about, if any: forgetting them removes it.</param>
    public void Set(string key, string value, string? userId = null)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO bot_state(key, value, user_id) VALUES ($key, $value, $user)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, user_id = excluded.user_id
            """, ("$key", key), ("$value", value), ("$user", (object?)userId ?? DBNull.Value));
    }

    /// <summary>The keys of named values starting with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Keys(string prefix)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT key FROM bot_state WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY key", "$prefix");
        Sql.Bind(command, prefix);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public void Remove(string key)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "DELETE FROM bot_state WHERE key = $key", ("$key", key));
    }
}
