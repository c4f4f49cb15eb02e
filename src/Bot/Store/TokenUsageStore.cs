using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Bot.Store;

/// <summary>
/// Language-model tokens spent per scope (<c>user:ID</c>, <c>guild:ID</c>) and budget day, shared by
/// every instance. A user who is forgotten leaves their latest day's usage under a <c>forgotten:</c>
/// scope keyed by an HMAC of their id (the key is random per store), so <c>/forget-me</c> neither
/// keeps their id nor hands them a fresh budget the same day.
/// </summary>
public sealed class TokenUsageStore(SqliteDatabase database)
{
    public const string UserPrefix = "user:";

    private const string ForgottenPrefix = "forgotten:";

    private const string SecretKey = "llm_usage:forget-secret";

    /// <summary>Only today's row matters; a scope's rows older than this are dropped as it is charged.</summary>
    public static readonly int KeptDays = 31;

    public long Used(string scope, DateOnly day)
    {
        using var connection = database.Open();
        return UsedIn(connection, scope, day);
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
            if (limit > 0 && UsedIn(connection, scope, day) >= limit)
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

    /// <summary>
    /// Corrects what <see cref="TryReserve"/> held by <paramref name="delta"/> (what a request spent, less
    /// its reservation). Only rows that exist change: a user forgotten while their request was in flight
    /// has no row left (it moved to their forgotten scope, which is corrected instead), so settling never
    /// writes their id back into the store.
    /// </summary>
    public void Settle(IEnumerable<string> scopes, DateOnly day, long delta)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var scope in scopes)
        {
            if (Correct(connection, scope, day, delta) == 0 && scope.StartsWith(UserPrefix, StringComparison.Ordinal)
                && ForgottenScope(connection, scope[UserPrefix.Length..], create: false) is { } forgotten)
            {
                Correct(connection, forgotten, day, delta);
            }
        }
        transaction.Commit();
    }

    private static int Correct(SqliteConnection connection, string scope, DateOnly day, long delta)
    {
        using var command = Sql.Command(connection, "UPDATE llm_usage SET tokens = max(tokens + $delta, 0) WHERE scope = $scope AND day = $day",
            "$delta", "$scope", "$day");
        Sql.Bind(command, delta, scope, Day(day));
        return command.ExecuteNonQuery();
    }

    private static void AddIn(SqliteConnection connection, IEnumerable<string> scopes, DateOnly day, long tokens)
    {
        foreach (var scope in scopes)
        {
            Sql.Execute(connection, """
                INSERT INTO llm_usage(scope, day, tokens, user_id) VALUES ($scope, $day, max($tokens, 0), $user)
                ON CONFLICT(scope, day) DO UPDATE SET tokens = max(tokens + $tokens, 0)
                """, ("$scope", scope), ("$day", Day(day)), ("$tokens", tokens), ("$user", UserOf(scope)));
            Sql.Execute(connection, "DELETE FROM llm_usage WHERE scope = $scope AND day < $cutoff",
                ("$scope", scope), ("$cutoff", Day(day.AddDays(-KeptDays))));
        }
    }

    /// <summary>
    /// Part of <c>/forget-me</c>, inside its transaction and before the user's rows are deleted: their
    /// latest day's usage (the only one that can still be today, in any budget zone) moves to their
    /// forgotten scope, which names no one; that scope's older days go.
    /// </summary>
    public static void KeepForgottenUsage(SqliteConnection connection, string userId)
    {
        var scope = UserPrefix + userId;
        var latest = Sql.Scalar<string>(connection, "SELECT max(day) FROM llm_usage WHERE scope = $scope", ("$scope", scope));
        if (latest is null)
        {
            return;
        }
        var forgotten = ForgottenScope(connection, userId, create: true)!;
        Sql.Execute(connection, """
            INSERT INTO llm_usage(scope, day, tokens, user_id)
            SELECT $forgotten, day, tokens, NULL FROM llm_usage WHERE scope = $scope AND day = $day
            ON CONFLICT(scope, day) DO UPDATE SET tokens = tokens + excluded.tokens
            """, ("$forgotten", forgotten), ("$scope", scope), ("$day", latest));
        Sql.Execute(connection, "DELETE FROM llm_usage WHERE scope = $forgotten AND day < $day",
            ("$forgotten", forgotten), ("$day", latest));
    }

    /// <summary>A user scope counts what the user spent before they were last forgotten that day.</summary>
    private static long UsedIn(SqliteConnection connection, string scope, DateOnly day)
    {
        var forgotten = scope.StartsWith(UserPrefix, StringComparison.Ordinal)
            ? ForgottenScope(connection, scope[UserPrefix.Length..], create: false)
            : null;
        return Sql.Scalar<long>(connection, "SELECT coalesce(sum(tokens), 0) FROM llm_usage WHERE scope IN ($scope, $forgotten) AND day = $day",
            ("$scope", scope), ("$forgotten", (object?)forgotten ?? DBNull.Value), ("$day", Day(day)));
    }

    /// <summary>
    /// <c>forgotten:</c> and the HMAC-SHA256 of the user id under this store's secret (made on the
    /// first forget), or null when there is no secret yet (so no one was forgotten).
    /// </summary>
    private static string? ForgottenScope(SqliteConnection connection, string userId, bool create)
    {
        var secret = Sql.Scalar<string>(connection, "SELECT value FROM bot_state WHERE key = $key", ("$key", SecretKey));
        if (secret is null)
        {
            if (!create)
            {
                return null;
            }
            secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            Sql.Execute(connection, "INSERT INTO bot_state(key, value) VALUES ($key, $value)", ("$key", SecretKey), ("$value", secret));
        }
        var mac = HMACSHA256.HashData(Convert.FromHexString(secret), Encoding.UTF8.GetBytes(userId));
        return ForgottenPrefix + Convert.ToHexString(mac).ToLowerInvariant();
    }

    /// <summary>The user a scope is about (so forgetting them finds the row), or null for a server's.</summary>
    private static object UserOf(string scope) => scope.StartsWith(UserPrefix, StringComparison.Ordinal) ? scope[UserPrefix.Length..] : DBNull.Value;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
