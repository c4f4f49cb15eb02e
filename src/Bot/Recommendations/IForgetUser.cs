namespace Bot.Recommendations;

/// <summary>
/// Something that keeps data about a person outside a table with a <c>user_id</c> column (those are
/// found and emptied by <see cref="UserSignalStore.ForgetUser"/> itself). Register one in the container
/// and <c>/forget-me</c> calls it too.
/// </summary>
public interface IForgetUser
{
    void ForgetUser(string userId);
}
