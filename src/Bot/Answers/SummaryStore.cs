using System.Text.Json;
using Bot.Store;

namespace Bot.Answers;

/// <summary>A language model's summary as cached: its text and the papers its [n] markers stand for.</summary>
public sealed record CachedSummary(string Text, IReadOnlyList<Citation> Sources);

/// <summary>
/// Summaries a language model wrote, keyed by what was summarised (a paper or a digest), the prompt's
/// version (a hash of its template) and the model: a new prompt or model writes a new one.
/// </summary>
public sealed class SummaryStore(SqliteDatabase database, TimeProvider clock)
{
    public CachedSummary? Find(string kind, string subject, string promptVersion, string model)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            SELECT text, sources FROM summaries
            WHERE kind = $kind AND subject = $subject AND prompt_version = $version AND model = $model
            """, "$kind", "$subject", "$version", "$model");
        Sql.Bind(command, kind, subject, promptVersion, model);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new CachedSummary(reader.GetString(0), JsonSerializer.Deserialize(reader.GetString(1), StoreJsonContext.Default.CitationArray) ?? [])
            : null;
    }

    public void Save(string kind, string subject, string promptVersion, string model, CachedSummary summary)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO summaries(kind, subject, prompt_version, model, text, sources, created_at)
            VALUES ($kind, $subject, $version, $model, $text, $sources, $now)
            ON CONFLICT(kind, subject, prompt_version, model) DO UPDATE SET text = excluded.text, sources = excluded.sources, created_at = excluded.created_at
            """, ("$kind", kind), ("$subject", subject), ("$version", promptVersion), ("$model", model), ("$text", summary.Text),
            ("$sources", JsonSerializer.Serialize([.. summary.Sources], StoreJsonContext.Default.CitationArray)),
            ("$now", StoreTime.Format(clock.GetUtcNow())));
    }
}
