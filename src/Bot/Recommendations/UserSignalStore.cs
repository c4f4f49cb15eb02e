using System.Globalization;
using System.Runtime.InteropServices;
using Bot.Digests;
using Bot.Store;
using Microsoft.Data.Sqlite;

namespace Bot.Recommendations;

/// <summary>An interest as stored: the vector belongs to <see cref="ModelId"/> (null: not embedded yet).</summary>
public sealed record StoredInterest(long Id, string Text, string? ModelId, float[]? Vector, DateTimeOffset? AddedAt = null);

/// <summary>A saved paper in a user's library.</summary>
public sealed record SavedPaper(long RowId, string PaperId, string Title, DateOnly FirstSeen, DateTimeOffset SavedAt);

/// <summary>
/// What users told the bot (interests) and did (likes, dislikes, "not interested", saves, papers shown,
/// questions asked), in SQLite so every instance agrees. User ids are opaque strings (a Discord user id,
/// or the console's fixed local id); guild ids are '' outside a server.
/// </summary>
public sealed class UserSignalStore(SqliteDatabase database, TimeProvider clock, IEnumerable<IForgetUser> forgetHooks)
{
    /// <summary>The console's user: one person at a local terminal.</summary>
    public const string ConsoleUserId = "console";

    /// <summary>The pseudo-user that records what a server's community channel was already shown.</summary>
    public static string GroupKey(string guildId) => "guild:" + guildId;

    public enum AddInterestResult { Added, AlreadyFollowed, TooMany }

    public AddInterestResult AddInterest(string userId, string text, int maxInterests, string? modelId = null, float[]? vector = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var key = TitleKey.From(text);
        if (Sql.Scalar<long>(connection, "SELECT count(*) FROM user_interests WHERE user_id = $user AND text_key = $key",
                ("$user", userId), ("$key", key)) > 0)
        {
            return AddInterestResult.AlreadyFollowed;
        }
        if (Sql.Scalar<long>(connection, "SELECT count(*) FROM user_interests WHERE user_id = $user", ("$user", userId)) >= maxInterests)
        {
            return AddInterestResult.TooMany;
        }
        Sql.Execute(connection, """
            INSERT INTO user_interests(user_id, text, text_key, added_at, model_id, vector)
            VALUES ($user, $text, $key, $now, $model, $vector)
            """, ("$user", userId), ("$text", text), ("$key", key), ("$now", Now()),
            ("$model", (object?)modelId ?? DBNull.Value), ("$vector", vector is null ? DBNull.Value : Blob(vector)));
        transaction.Commit();
        return AddInterestResult.Added;
    }

    /// <summary>Removes an interest by its id or its text (compared as titles are); true when one went.</summary>
    /// <summary>Removes one interest of the user by its id (the caller resolved what was typed to exactly one).</summary>
    public bool RemoveInterest(string userId, long interestId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM user_interests WHERE user_id = $user AND id = $id", "$user", "$id");
        Sql.Bind(command, userId, interestId);
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<StoredInterest> Interests(string userId)
    {
        using var connection = database.Open();
        return ReadInterests(connection, userId);
    }

    public void SetInterestVector(long interestId, string modelId, float[] vector)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "UPDATE user_interests SET model_id = $model, vector = $vector WHERE id = $id",
            ("$model", modelId), ("$vector", Blob(vector)), ("$id", interestId));
    }

    /// <summary>Records feedback once (a repeat changes nothing); a like clears a dislike and the other way round.</summary>
    /// <returns>True when this changed something.</returns>
    public bool Record(string userId, string? guildId, long paperRowId, FeedbackKind kind)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var opposite = kind switch { FeedbackKind.Like => "dislike", FeedbackKind.Dislike => "like", _ => null };
        if (opposite is not null)
        {
            Sql.Execute(connection, "DELETE FROM user_feedback WHERE user_id = $user AND paper_rowid = $paper AND kind = $kind",
                ("$user", userId), ("$paper", paperRowId), ("$kind", opposite));
        }
        using var insert = Sql.Command(connection, """
            INSERT OR IGNORE INTO user_feedback(user_id, paper_rowid, kind, guild_id, at) VALUES ($user, $paper, $kind, $guild, $now)
            """, "$user", "$paper", "$kind", "$guild", "$now");
        Sql.Bind(insert, userId, paperRowId, FeedbackKinds.Name(kind), guildId ?? "", Now());
        var changed = insert.ExecuteNonQuery() == 1;
        transaction.Commit();
        return changed;
    }

    /// <summary>Takes feedback back (unsave, unlike); true when there was some.</summary>
    public bool Remove(string userId, long paperRowId, FeedbackKind kind)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "DELETE FROM user_feedback WHERE user_id = $user AND paper_rowid = $paper AND kind = $kind", "$user", "$paper", "$kind");
        Sql.Bind(command, userId, paperRowId, FeedbackKinds.Name(kind));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>
    /// Remembers that these papers were shown to the user (or to a group, by <see cref="GroupKey"/>), so they
    /// are not picked again, except once (<see cref="ShownPaper"/>). A paper shown before keeps its first
    /// time and is marked as having come back.
    /// </summary>
    public void MarkSeen(string userId, IEnumerable<long> paperRowIds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = Sql.Command(connection, """
            INSERT INTO user_seen(user_id, paper_rowid, shown_at) SELECT $user, $paper, $now WHERE EXISTS (SELECT 1 FROM papers WHERE rowid = $paper)
            ON CONFLICT(user_id, paper_rowid) DO UPDATE SET returned_at = excluded.shown_at WHERE returned_at IS NULL
            """, "$user", "$paper", "$now");
        var now = Now();
        foreach (var rowId in paperRowIds)
        {
            Sql.Bind(insert, userId, rowId, now);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>
    /// A question the user asked: a weak hint of what they care about. The same question again within
    /// an hour (a redelivered event, a retry) is kept once.
    /// </summary>
    public void RecordQuestion(string userId, string? guildId, string text)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO user_questions(user_id, guild_id, text, asked_at) SELECT $user, $guild, $text, $now
            WHERE NOT EXISTS (SELECT 1 FROM user_questions WHERE user_id = $user AND text = $text AND asked_at > $recent)
            """,
            ("$user", userId), ("$guild", guildId ?? ""), ("$text", text.Length > 500 ? text[..500] : text), ("$now", Now()),
            ("$recent", StoreTime.Format(clock.GetUtcNow().AddHours(-1))));
        // Only the latest few count as a signal; a bounded history keeps a chatty user's rows from growing forever.
        Sql.Execute(connection, """
            DELETE FROM user_questions WHERE user_id = $user AND id NOT IN
                (SELECT id FROM user_questions WHERE user_id = $user ORDER BY asked_at DESC, id DESC LIMIT $keep)
            """, ("$user", userId), ("$keep", KeptQuestions));
    }

    /// <summary>Questions kept per user: well above <c>RecentQuestions</c>, and enough to place a member in the servers they asked in.</summary>
    public const int KeptQuestions = 50;

    /// <summary>One page of the user's saved papers, newest save first, and how many there are in all.</summary>
    public (IReadOnlyList<SavedPaper> Page, int Total) Library(string userId, int offset, int limit)
    {
        using var connection = database.Open();
        var total = (int)Sql.Scalar<long>(connection, "SELECT count(*) FROM user_feedback WHERE user_id = $user AND kind = 'save'", ("$user", userId));
        using var command = Sql.Command(connection, """
            SELECT p.rowid, p.id, p.title, p.first_seen, f.at FROM user_feedback f JOIN papers p ON p.rowid = f.paper_rowid
            WHERE f.user_id = $user AND f.kind = 'save' ORDER BY f.at DESC, p.rowid DESC LIMIT $limit OFFSET $offset
            """, "$user", "$limit", "$offset");
        Sql.Bind(command, userId, limit, offset);
        using var reader = command.ExecuteReader();
        var page = new List<SavedPaper>();
        while (reader.Read())
        {
            page.Add(new SavedPaper(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), PaperStore.ParseDate(reader.GetString(3)),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        return (page, total);
    }

    /// <summary>Everything known about a user, for ranking; interest vectors only when they belong to <paramref name="modelId"/>.</summary>
    public UserProfile Profile(string userId, string? modelId, int recentQuestions)
    {
        using var connection = database.Open();
        var interests = ReadInterests(connection, userId)
            .Select(i => new Interest(i.Id, i.Text, i.ModelId == modelId ? i.Vector : null, i.AddedAt)).ToList();
        var feedback = new Dictionary<string, List<long>>(StringComparer.Ordinal)
        {
            ["like"] = [], ["dislike"] = [], ["dismiss"] = [], ["save"] = [],
        };
        var feedbackAt = new Dictionary<long, DateTimeOffset>();
        using (var command = Sql.Command(connection, "SELECT kind, paper_rowid, at FROM user_feedback WHERE user_id = $user ORDER BY at, paper_rowid", "$user"))
        {
            Sql.Bind(command, userId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (feedback.TryGetValue(reader.GetString(0), out var list))
                {
                    list.Add(reader.GetInt64(1));
                    // Ordered by time: the last kind recorded for a paper is its latest feedback.
                    feedbackAt[reader.GetInt64(1)] = ParseTime(reader.GetString(2));
                }
            }
        }
        var shown = Column(connection, "SELECT paper_rowid, shown_at, returned_at FROM user_seen WHERE user_id = $user", userId,
            r => (RowId: r.GetInt64(0), Shown: new ShownPaper(ParseTime(r.GetString(1)), !r.IsDBNull(2)))).ToDictionary(s => s.RowId, s => s.Shown);
        var questions = Column(connection, "SELECT text FROM user_questions WHERE user_id = $user ORDER BY asked_at DESC, id DESC LIMIT $limit",
            userId, r => r.GetString(0), recentQuestions);
        return new UserProfile(interests, feedback["like"], feedback["dislike"], feedback["dismiss"], feedback["save"], shown.Keys.ToHashSet(), questions)
        {
            Shown = shown,
            FeedbackAt = feedbackAt,
        };
    }

    /// <summary>Papers liked or saved in a server, with how many times; the server's taste for cold starts and group picks.</summary>
    public IReadOnlyDictionary<long, int> Popular(string guildId, int limit)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT paper_rowid, count(DISTINCT user_id) AS n FROM user_feedback
            WHERE guild_id = $guild AND kind IN ('like', 'save') GROUP BY paper_rowid ORDER BY n DESC, paper_rowid DESC LIMIT $limit
            """, "$guild", "$limit");
        Sql.Bind(command, guildId, limit);
        using var reader = command.ExecuteReader();
        var popular = new Dictionary<long, int>();
        while (reader.Read())
        {
            popular[reader.GetInt64(0)] = reader.GetInt32(1);
        }
        return popular;
    }

    /// <summary>
    /// Deletes every row about the user from every table with a <c>user_id</c> column (found in the
    /// schema, so tables added later are covered without registering) and runs the registered
    /// <see cref="IForgetUser"/> hooks for data kept elsewhere, all in one transaction.
    /// </summary>
    /// <returns>How many rows went.</returns>
    public int ForgetUser(string userId)
    {
        var deleted = 0;
        using (var connection = database.Open())
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            // Forgetting must not renew the day's language-model budget.
            TokenUsageStore.KeepForgottenUsage(connection, userId);
            var tables = Column(connection, """
                SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
                WHERE m.type = 'table' AND c.name = 'user_id' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name
                """, null, r => r.GetString(0));
            foreach (var table in tables)
            {
                using var command = Sql.Command(connection, $"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WHERE user_id = $user", "$user");
                Sql.Bind(command, userId);
                deleted += command.ExecuteNonQuery();
            }
            foreach (var hook in forgetHooks)
            {
                hook.ForgetUser(connection, userId);
            }
            transaction.Commit();
        }
        return deleted;
    }

    /// <summary>Users who follow at least one interest or gave any feedback: who daily picks are for.</summary>
    public IReadOnlyList<string> KnownUsers()
    {
        using var connection = database.Open();
        return Column(connection, "SELECT user_id FROM user_interests UNION SELECT user_id FROM user_feedback ORDER BY 1", null, r => r.GetString(0));
    }

    private static List<StoredInterest> ReadInterests(SqliteConnection connection, string userId) =>
        Column(connection, "SELECT id, text, model_id, vector, added_at FROM user_interests WHERE user_id = $user ORDER BY id", userId, r =>
            new StoredInterest(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : MemoryMarshal.Cast<byte, float>((byte[])r.GetValue(3)).ToArray(), ParseTime(r.GetString(4))));

    private static DateTimeOffset ParseTime(string stored) => DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static List<T> Column<T>(SqliteConnection connection, string sql, string? userId, Func<SqliteDataReader, T> read, int? limit = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (userId is not null)
        {
            command.Parameters.AddWithValue("$user", userId);
        }
        if (limit is not null)
        {
            command.Parameters.AddWithValue("$limit", limit.Value);
        }
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(read(reader));
        }
        return values;
    }

    private static byte[] Blob(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private string Now() => StoreTime.Format(clock.GetUtcNow());
}
