using System.Globalization;
using System.Text.Json;
using Bot.Store;
using Microsoft.Data.Sqlite;

namespace Bot.Recommendations.Daily;

/// <summary>The state of one target's post for one local day.</summary>
public enum PostState
{
    /// <summary>Taken by a run that has not finished it (sending, or crashed).</summary>
    Claimed,
    Sent,
    /// <summary>Nothing new that day and no notice wanted: nothing was sent, on purpose.</summary>
    Empty,
    /// <summary>Given up: the destination refused it, or every attempt failed.</summary>
    Failed,
    /// <summary>An unfinished claim found after a later day had come due: the later post covers it.</summary>
    Superseded,
}

/// <summary>One ledger row.</summary>
public sealed record LedgerEntry(
    string Target,
    DateOnly LocalDate,
    PostState State,
    string ClaimedBy,
    DateTimeOffset ClaimedAt,
    int Attempts,
    DailyPost? Post,
    string? DigestId,
    IReadOnlyList<string> Delivered)
{
    /// <summary>The ledger keeps the delivered parts' message ids in one column, in order, separated by spaces.</summary>
    internal static IReadOnlyList<string> ParseDelivered(string? column) =>
        column is null ? [] : column.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The ledger of daily posts, one row per target and local day, which is how a day posts once across
/// restarts and instances.
/// <list type="number">
/// <item>A run <b>claims</b> the day before doing anything (an insert on the primary key: of two instances
/// racing, one wins), then stores the post it composed, then sends, then <b>finishes</b> the row.</item>
/// <item>A post goes out one message (part) at a time; each part's id is <b>recorded</b> before the next is
/// sent, and the record renews the claim's time (a heartbeat). A record that finds the claim taken over
/// fails, and the run stops sending.</item>
/// <item>A claim left unfinished for the lease (a crash, a kill) is <b>taken over</b> by exactly one
/// later run (an update guarded by the old claim time). That run asks the destination whether the part
/// after the recorded ones arrived (each part carries the post's reference and its number), then sends
/// only the parts still missing of the stored post (or composes it, when the crash came before it was stored).</item>
/// <item>After <see cref="DailyOptions.MaxAttempts"/> takeovers the day is marked failed; a day whose
/// claim is found unfinished after the next day came due is superseded, not sent late.</item>
/// </list>
/// A part can therefore only arrive twice if one message create stays in flight for the whole lease and
/// the destination does not list it yet; on Discord even that create is deduplicated by its nonce when
/// the retry comes within Discord's window of a few minutes.
/// </summary>
public sealed class DailyPostLedger(SqliteDatabase database)
{
    private const string Columns = "target, local_date, state, claimed_by, claimed_at, attempts, payload, digest_id, message_id";

    /// <summary>
    /// Claims a day for a target that still wants posts: a user who unsubscribed or was forgotten (or a
    /// digest channel cleared or paused) after the pass read its list gets no claim, so no post.
    /// </summary>
    /// <returns>True when this run now owns the day; false when any run claimed it before, or the target stopped.</returns>
    public bool TryClaim(string target, DateOnly day, string instance, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, $"""
            INSERT OR IGNORE INTO daily_posts(target, local_date, state, claimed_by, claimed_at, attempts)
            SELECT $target, $day, 'claimed', $by, $at, 1
            WHERE EXISTS (SELECT 1 FROM daily_subscriptions WHERE '{DailyPost.LedgerTarget(DailyTargetKind.User, "")}' || user_id = $target AND paused IS NULL)
               OR EXISTS (SELECT 1 FROM community_digests WHERE '{DailyPost.LedgerTarget(DailyTargetKind.Community, "")}' || guild_id = $target AND paused IS NULL)
            """, "$target", "$day", "$by", "$at");
        Sql.Bind(command, target, FormatDay(day), instance, StoreTime.Format(now));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Takes over a stale claim (one run wins, by its old claim time); null when another run got it first.</summary>
    public LedgerEntry? TryTakeOver(LedgerEntry stale, string instance, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            UPDATE daily_posts SET claimed_by = $by, claimed_at = $at, attempts = attempts + 1
            WHERE target = $target AND local_date = $day AND state = 'claimed' AND claimed_at = $old
            """, "$by", "$at", "$target", "$day", "$old");
        Sql.Bind(command, instance, StoreTime.Format(now), stale.Target, FormatDay(stale.LocalDate),
            StoreTime.Format(stale.ClaimedAt));
        return command.ExecuteNonQuery() == 1
            ? stale with { ClaimedBy = instance, ClaimedAt = now, Attempts = stale.Attempts + 1 }
            : null;
    }

    /// <summary>Stores the composed post with the claim, so a takeover sends the same thing.</summary>
    /// <returns>False when this run no longer holds the claim (taken over, or the user was forgotten): send nothing.</returns>
    public bool SavePost(string target, DateOnly day, string instance, DailyPost post)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            UPDATE daily_posts SET payload = $payload, digest_id = $digest
            WHERE target = $target AND local_date = $day AND claimed_by = $by AND state = 'claimed'
            """, "$payload", "$digest", "$target", "$day", "$by");
        Sql.Bind(command, JsonSerializer.Serialize(post, DailyPostJsonContext.Default.DailyPost), (object?)post.DigestId ?? DBNull.Value,
            target, FormatDay(day), instance);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Records the parts delivered so far and renews the claim's time, while this run still holds the
    /// claim; false when another run has taken it over (the caller must stop sending).
    /// </summary>
    public bool RecordDelivered(string target, DateOnly day, string instance, IReadOnlyList<string> delivered, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            UPDATE daily_posts SET message_id = $ids, claimed_at = $now
            WHERE target = $target AND local_date = $day AND claimed_by = $by AND state = 'claimed'
            """, "$ids", "$now", "$target", "$day", "$by");
        Sql.Bind(command, string.Join(' ', delivered), StoreTime.Format(now), target, FormatDay(day), instance);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Closes a claim this run holds; a claim another run has taken over since is left to it.</summary>
    public bool Finish(string target, DateOnly day, string instance, PostState state, DateTimeOffset now, string? messageId = null, string? detail = null)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            UPDATE daily_posts SET state = $state, message_id = $message, detail = $detail, finished_at = $now
            WHERE target = $target AND local_date = $day AND claimed_by = $by AND state = 'claimed'
            """, "$state", "$message", "$detail", "$now", "$target", "$day", "$by");
        Sql.Bind(command, StateName(state), (object?)messageId ?? DBNull.Value, (object?)detail ?? DBNull.Value,
            StoreTime.Format(now), target, FormatDay(day), instance);
        return command.ExecuteNonQuery() == 1;
    }

    public LedgerEntry? Find(string target, DateOnly day) =>
        Read($"SELECT {Columns} FROM daily_posts WHERE target = $a AND local_date = $b", target, FormatDay(day)).FirstOrDefault();

    /// <summary>Claims unfinished since before <paramref name="staleBefore"/>, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> StaleClaims(DateTimeOffset staleBefore) =>
        Read($"SELECT {Columns} FROM daily_posts WHERE state = 'claimed' AND claimed_at < $a ORDER BY claimed_at", StoreTime.Format(staleBefore), null);

    /// <summary>Unfinished claims made under <paramref name="instance"/> before <paramref name="before"/>, oldest first.</summary>
    public IReadOnlyList<LedgerEntry> ClaimsBy(string instance, DateTimeOffset before) =>
        Read($"SELECT {Columns} FROM daily_posts WHERE state = 'claimed' AND claimed_by = $a AND claimed_at < $b ORDER BY claimed_at",
            instance, StoreTime.Format(before));

    /// <summary>The target's latest finished day (sent, or empty on purpose): what counts as new starts after it.</summary>
    public LedgerEntry? LastFinished(string target) =>
        Read($"SELECT {Columns} FROM daily_posts WHERE target = $a AND state IN ('sent', 'empty') ORDER BY local_date DESC LIMIT 1", target, null).FirstOrDefault();

    /// <summary>The papers listed in any digest that arrived after <paramref name="since"/>: what counts as new.</summary>
    /// <summary>
    /// The newest committed digest's place in the store (its rowid: the store has one writer at a time,
    /// so a digest committed later always has a higher one); 0 with no digest.
    /// </summary>
    public long DigestMark()
    {
        using var connection = database.Open();
        return Sql.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM digests");
    }

    /// <summary>The papers listed in any digest committed after <paramref name="mark"/> (see <see cref="DigestMark"/>): what counts as new.</summary>
    public IReadOnlySet<long> PapersArrivedAfter(long mark)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT DISTINCT a.paper_rowid FROM appearances a JOIN digests d ON d.id = a.digest_id WHERE d.rowid > $mark
            """, "$mark");
        Sql.Bind(command, mark);
        return Read(command);
    }

    public IReadOnlySet<long> PapersArrivedSince(DateTimeOffset since)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT DISTINCT a.paper_rowid FROM appearances a JOIN digests d ON d.id = a.digest_id WHERE d.ingested_at > $since
            """, "$since");
        // The digest writer stores round-trip ("O") UTC times, which compare correctly as text.
        Sql.Bind(command, since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        return Read(command);
    }

    private static HashSet<long> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rowIds = new HashSet<long>();
        while (reader.Read())
        {
            rowIds.Add(reader.GetInt64(0));
        }
        return rowIds;
    }

    /// <summary>True when the target has a row for <paramref name="day"/> or a later day (a time or zone change must not post a day twice).</summary>
    public bool HasDayOnOrAfter(string target, DateOnly day)
    {
        using var connection = database.Open();
        return Sql.Scalar<long>(connection, "SELECT EXISTS (SELECT 1 FROM daily_posts WHERE target = $target AND local_date >= $day)",
            ("$target", target), ("$day", FormatDay(day))) == 1;
    }

    /// <summary>
    /// Deletes finished days before <paramref name="before"/> (each stores its whole post), keeping each
    /// target's newest sent or quiet day, which says where its next post's new papers start. Unfinished
    /// claims stay whatever their age: a takeover still has to close them.
    /// </summary>
    /// <returns>How many days went.</returns>
    public int Prune(DateOnly before)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            DELETE FROM daily_posts AS old
            WHERE old.state <> 'claimed' AND old.local_date < $before
              AND (old.state NOT IN ('sent', 'empty')
                   OR EXISTS (SELECT 1 FROM daily_posts AS newer
                              WHERE newer.target = old.target AND newer.state IN ('sent', 'empty') AND newer.local_date > old.local_date))
            """, "$before");
        Sql.Bind(command, FormatDay(before));
        return command.ExecuteNonQuery();
    }

    /// <summary>How a failed day's detail starts when the destination refused the post (rather than, say, the network failing).</summary>
    public const string RefusedDetail = "refused: ";

    /// <summary>
    /// How many of the target's latest days, up to <paramref name="day"/>, the destination refused in a
    /// row. Quiet and superseded days sent nothing, so they neither count nor break the run.
    /// </summary>
    public int RefusedInARow(string target, DateOnly day)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT state, detail FROM daily_posts WHERE target = $target AND local_date <= $day ORDER BY local_date DESC", "$target", "$day");
        Sql.Bind(command, target, FormatDay(day));
        using var reader = command.ExecuteReader();
        var run = 0;
        while (reader.Read())
        {
            var state = reader.GetString(0);
            if (state is "empty" or "superseded")
            {
                continue;
            }
            if (state != "failed" || reader.IsDBNull(1) || !reader.GetString(1).StartsWith(RefusedDetail, StringComparison.Ordinal))
            {
                break;
            }
            run++;
        }
        return run;
    }

    /// <summary>Every ledger row of a target (tests and forget-me checks).</summary>
    public IReadOnlyList<LedgerEntry> All(string target) =>
        Read($"SELECT {Columns} FROM daily_posts WHERE target = $a ORDER BY local_date", target, null);

    private List<LedgerEntry> Read(string sql, string a, string? b)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$a", a);
        if (b is not null)
        {
            command.Parameters.AddWithValue("$b", b);
        }
        using var reader = command.ExecuteReader();
        var entries = new List<LedgerEntry>();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
        }
        return entries;
    }

    private static LedgerEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetString(0),
        DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum.Parse<PostState>(reader.GetString(2), ignoreCase: true),
        reader.GetString(3),
        SubscriptionStore.ParseInstant(reader.GetString(4)),
        reader.GetInt32(5),
        reader.IsDBNull(6) ? null : JsonSerializer.Deserialize(reader.GetString(6), DailyPostJsonContext.Default.DailyPost),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        LedgerEntry.ParseDelivered(reader.IsDBNull(8) ? null : reader.GetString(8)));

    private static string StateName(PostState state) => state.ToString().ToLowerInvariant();

    private static string FormatDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
