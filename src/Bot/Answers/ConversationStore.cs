using System.Globalization;
using System.Text.Json;
using Bot.Store;

namespace Bot.Answers;

/// <summary>The last exchange of a conversation (a Discord channel or thread, a DM, the console).</summary>
public sealed record Exchange(string Question, string Answer, IReadOnlyList<Citation> Sources, DateTimeOffset At);

/// <summary>
/// Each conversation's previous question, answer and sources, in the store so a follow-up reaches
/// any instance and survives a restart.
/// </summary>
public sealed class ConversationStore(SqliteDatabase database, TimeProvider clock)
{
    public Exchange? Last(string conversationId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "SELECT question, answer, sources, updated_at FROM conversations WHERE id = $id", "$id");
        Sql.Bind(command, conversationId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new Exchange(reader.GetString(0), reader.GetString(1),
                JsonSerializer.Deserialize(reader.GetString(2), StoreJsonContext.Default.CitationArray) ?? [],
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Conversations idle this long are forgotten as others are saved (a follow-up only looks back an hour).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    /// <param name="userId">Who asked: forgetting them removes the exchange (the conversation's id may not name them).</param>
    public void Save(string conversationId, string userId, string question, Answer answer)
    {
        ForgetOlderThan(KeptFor);
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO conversations(id, question, answer, sources, updated_at, user_id) VALUES ($id, $question, $answer, $sources, $now, $user)
            ON CONFLICT(id) DO UPDATE SET question = excluded.question, answer = excluded.answer, sources = excluded.sources,
                updated_at = excluded.updated_at, user_id = excluded.user_id
            """, ("$id", conversationId), ("$user", userId), ("$question", question), ("$answer", answer.Text),
            ("$sources", JsonSerializer.Serialize([.. answer.Sources], StoreJsonContext.Default.CitationArray)),
            ("$now", StoreTime.Format(clock.GetUtcNow())));
    }

    /// <summary>Forgets conversations idle longer than <paramref name="age"/>.</summary>
    public int ForgetOlderThan(TimeSpan age)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM conversations WHERE updated_at < $cutoff", "$cutoff");
        Sql.Bind(command, StoreTime.Format(clock.GetUtcNow() - age));
        return command.ExecuteNonQuery();
    }
}
