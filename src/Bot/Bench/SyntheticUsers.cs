using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Bot.Store;

namespace Bot.Bench;

/// <summary>What the recommendation benchmark's users are.</summary>
public sealed record SyntheticUsersInfo(int Users, int Guilds, long Interests, long Feedback, long Seen);

/// <summary>
/// Users for the recommendation benchmark, written straight into the store in one transaction: 1-3
/// interests of 3-6 Zipf-sampled words each (with their vectors, as <c>/follow</c> stores them), and
/// feedback on the newest papers: 0-6 likes, 0-2 saves, 0-2 dismissals and 0-20 papers already shown.
/// Users belong to servers of 200 members.
/// </summary>
public sealed class SyntheticUsers(SqliteDatabase database, ZipfVocabulary vocabulary, SyntheticEmbeddingGenerator generator)
{
    public const int GuildSize = 200;

    public static string UserId(int index) => $"bench-user-{index:D6}";

    public static string GuildId(int index) => $"bench-guild-{index / GuildSize:D4}";

    public SyntheticUsersInfo Write(int users, string modelId, int newestPapers, int seed)
    {
        var random = new Random(seed);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var table in new[] { "user_interests", "user_feedback", "user_seen", "user_questions" })
        {
            Sql.Execute(connection, $"DELETE FROM {table} WHERE user_id LIKE 'bench-user-%'");
        }
        var maxRowId = Sql.Scalar<long>(connection, "SELECT coalesce(max(rowid), 0) FROM papers");
        using var interest = Sql.Command(connection,
            "INSERT OR IGNORE INTO user_interests(user_id, text, text_key, added_at, model_id, vector) VALUES ($user, $text, $text, $now, $model, $vector)",
            "$user", "$text", "$now", "$model", "$vector");
        using var feedback = Sql.Command(connection,
            "INSERT OR IGNORE INTO user_feedback(user_id, paper_rowid, kind, guild_id, at) VALUES ($user, $paper, $kind, $guild, $now)",
            "$user", "$paper", "$kind", "$guild", "$now");
        using var seen = Sql.Command(connection,
            "INSERT OR IGNORE INTO user_seen(user_id, paper_rowid, shown_at) VALUES ($user, $paper, $now)", "$user", "$paper", "$now");
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        long interests = 0, judged = 0, shown = 0;
        var text = new StringBuilder();
        for (var u = 0; u < users; u++)
        {
            var user = UserId(u);
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                text.Clear();
                vocabulary.AppendText(text, random, random.Next(3, 7), sentences: false);
                var value = text.ToString().Trim();
                var vector = generator.GenerateAsync([value]).GetAwaiter().GetResult()[0].Vector.ToArray();
                Sql.Bind(interest, user, value, now, modelId, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
                interests += interest.ExecuteNonQuery();
            }
            long Paper() => Math.Max(1, maxRowId - random.Next(newestPapers));
            foreach (var (kind, most) in new[] { ("like", 6), ("save", 2), ("dismiss", 2) })
            {
                for (var i = random.Next(most + 1); i > 0; i--)
                {
                    Sql.Bind(feedback, user, Paper(), kind, GuildId(u), now);
                    judged += feedback.ExecuteNonQuery();
                }
            }
            for (var i = random.Next(21); i > 0; i--)
            {
                Sql.Bind(seen, user, Paper(), now);
                shown += seen.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        return new SyntheticUsersInfo(users, (users + GuildSize - 1) / GuildSize, interests, judged, shown);
    }
}
