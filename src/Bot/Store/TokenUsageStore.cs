using Microsoft.Data.Sqlite;

namespace Bot.Store;

/// <summary>Language-model tokens spent per scope (<c>user:ID</c>, <c>guild:ID</c>) and budget day, shared by every instance.</summary>
public sealed class TokenUsageStore(SqliteDatabase database)
{
    public const string UserPrefix = "user:";

    /// <summary>Only today's row matters; a scope's rows older than this are dropped as it is charged.</summary>
    public static readonly int KeptDays = 31;

    public long Used(string scope, DateOnly day)
    {
        using var connection = database.Open();
        return PaperStore.Scalar<long>(connection, "SELECT tokens FROM llm_usage WHERE scope = $scope AND day = $day",
            ("$scope", scope), ("$day", Day(day)));
    }

    /// <summary>
    /// In one write transaction (so two requests, on any instance, cannot both pass a budget one of
    /// them spends): the first scope whose <c>Limit</c> (above 0) is already used up that day, or, when
    /// none is, null and <paramref name="tokens"/> added to every scope.
    /// </summary>
    public string? TryReserve(IReadOnlyList<(string Scope, long Limit)> scopes, DateOnly day, long tokens)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (scope, limit) in scopes)
        {
            if (limit > 0 && PaperStore.Scalar<long>(connection, "SELECT tokens FROM llm_usage WHERE scope = $scope AND day = $day",
                ("$scope", scope), ("$day", Day(day))) >= limit)
            {
                return scope;
            }
        }
        AddIn(connection, scopes.Select(s => s.Scope), day, tokens);
        transaction.Commit();
        return null;
    }

    /// <param name="tokens">May be negative: what a reservation held beyond what was spent.</param>
    public void Add(IEnumerable<string> scopes, DateOnly day, long tokens)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        AddIn(connection, scopes, day, tokens);
        transaction.Commit();
    }

    private static void AddIn(SqliteConnection connection, IEnumerable<string> scopes, DateOnly day, long tokens)
    {
        foreach (var scope in scopes)
        {
            PaperStore.Execute(connection, """
                INSERT INTO llm_usage(scope, day, tokens, user_id) VALUES ($scope, $day, max($tokens, 0), $user)
                ON CONFLICT(scope, day) DO UPDATE SET tokens = max(tokens + $tokens, 0)
                """, ("$scope", scope), ("$day", Day(day)), ("$tokens", tokens), ("$user", UserOf(scope)));
            PaperStore.Execute(connection, "DELETE FROM llm_usage WHERE scope = $scope AND day < $cutoff",
                ("$scope", scope), ("$cutoff", Day(day.AddDays(-KeptDays))));
        }
    }

    /// <summary>The user a scope is about (so forgetting them finds the row), or null for a server's.</summary>
    private static object UserOf(string scope) => scope.StartsWith(UserPrefix, StringComparison.Ordinal) ? scope[UserPrefix.Length..] : DBNull.Value;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
