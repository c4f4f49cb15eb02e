namespace Bot.Store;

/// <summary>Language-model tokens spent per scope (<c>user:ID</c>, <c>guild:ID</c>) and budget day, shared by every instance.</summary>
public sealed class TokenUsageStore(SqliteDatabase database)
{
    public long Used(string scope, DateOnly day)
    {
        using var connection = database.Open();
        return PaperStore.Scalar<long>(connection, "SELECT tokens FROM llm_usage WHERE scope = $scope AND day = $day",
            ("$scope", scope), ("$day", Day(day)));
    }

    /// <summary>Only today's row matters; a scope's rows older than this are dropped as it is charged.</summary>
    public static readonly int KeptDays = 31;

    public void Add(IEnumerable<string> scopes, DateOnly day, long tokens)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var scope in scopes)
        {
            PaperStore.Execute(connection, """
                INSERT INTO llm_usage(scope, day, tokens, user_id) VALUES ($scope, $day, $tokens, $user)
                ON CONFLICT(scope, day) DO UPDATE SET tokens = tokens + excluded.tokens
                """, ("$scope", scope), ("$day", Day(day)), ("$tokens", tokens), ("$user", UserOf(scope)));
            PaperStore.Execute(connection, "DELETE FROM llm_usage WHERE scope = $scope AND day < $cutoff",
                ("$scope", scope), ("$cutoff", Day(day.AddDays(-KeptDays))));
        }
        transaction.Commit();
    }

    /// <summary>The user a scope is about (so forgetting them finds the row), or null for a server's.</summary>
    private static object UserOf(string scope) => scope.StartsWith(UserPrefix, StringComparison.Ordinal) ? scope[UserPrefix.Length..] : DBNull.Value;

    public const string UserPrefix = "user:";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
