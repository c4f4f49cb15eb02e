using Microsoft.Data.Sqlite;

namespace Bot.Recommendations;

/// <summary>
/// Something that keeps data about a person outside a table with a <c>user_id</c> column (those are
/// found and emptied by <see cref="UserSignalStore.ForgetUser"/> itself). Register one in the container
/// and <c>/forget-me</c> calls it too, inside the same transaction (a crash cannot leave half of it).
/// </summary>
public interface IForgetUser
{
    void ForgetUser(SqliteConnection connection, string userId);
}
