using Bot.Search;
using Microsoft.Data.Sqlite;

namespace Bot.Store;

/// <summary>The SQL condition that keeps only papers listed in digests matching the filters.</summary>
internal static class PaperFilterSql
{
    /// <returns>A condition on <paramref name="rowIdColumn"/>, or "1" when there is nothing to filter.</returns>
    public static string Condition(SearchFilters filters, string rowIdColumn, SqliteCommand command)
    {
        if (filters.IsEmpty)
        {
            return "1";
        }
        var clauses = new List<string>();
        if (filters.Since is { } since)
        {
            clauses.Add("d.digest_date >= $since");
            command.Parameters.AddWithValue("$since", since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (filters.Until is { } until)
        {
            clauses.Add("d.digest_date <= $until");
            command.Parameters.AddWithValue("$until", until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (filters.DigestId is { } digestId)
        {
            clauses.Add("(d.id = $digest OR d.short_id = $digest OR d.source = $digest)");
            command.Parameters.AddWithValue("$digest", digestId);
        }
        return $"{rowIdColumn} IN (SELECT a.paper_rowid FROM appearances a JOIN digests d ON d.id = a.digest_id WHERE {string.Join(" AND ", clauses)})";
    }
}
