using Microsoft.Data.Sqlite;

namespace Bot.Recommendations.Daily;

/// <summary>
/// <c>/forget-me</c> for daily posts: the subscription (also found by its <c>user_id</c> column), the
/// ledger of the user's posts (keyed by target, not <c>user_id</c>), and their name on a community
/// digest channel they set.
/// </summary>
public sealed class DailyForgetUser : IForgetUser
{
    public void ForgetUser(SqliteConnection connection, string userId) => SubscriptionStore.ForgetUser(connection, userId);
}
