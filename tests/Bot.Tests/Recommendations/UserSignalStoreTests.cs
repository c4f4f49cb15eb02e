using Bot.Recommendations;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Recommendations;

public sealed class UserSignalStoreTests(SharedDigestStore shared) : IClassFixture<SharedDigestStore>
{
    private UserSignalStore Signals => shared.Store.Get<UserSignalStore>();

    private long RowId(string title) => shared.Store.Get<PaperStore>().FindPaper(title)!.RowId;

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void ForgetUser_EverySignalAndLaterTables_LeavesNoRowWithTheUsersId()
    {
        var (user, other) = (NewUser(), NewUser());
        using (var connection = shared.Store.OpenRaw())
        {
            // A table another feature adds later (daily subscriptions, say) is covered without registering.
            Exec(connection, "CREATE TABLE IF NOT EXISTS test_later_feature(user_id TEXT NOT NULL, value TEXT)");
            Exec(connection, $"INSERT INTO test_later_feature VALUES ('{user}', 'x'), ('{other}', 'y')");
        }
        foreach (var who in new[] { user, other })
        {
            Signals.AddInterest(who, "model merging", 20);
            Signals.Record(who, "guild-1", RowId("Resolving Interference When Merging Models"), FeedbackKind.Like);
            Signals.Record(who, "guild-1", RowId("Merging Models with Fisher-Weighted Averaging"), FeedbackKind.Save);
            Signals.Record(who, null, RowId("Parameter Competition Balancing for Model Merging"), FeedbackKind.Dismiss);
            Signals.MarkSeen(who, [RowId("Composable Sparse Fine-Tuning for Cross-Lingual Transfer")]);
            Signals.RecordQuestion(who, "guild-1", "how are models merged?");
            shared.Store.Get<FrontEndState>().TryStartCooldown(who, "recommend", TimeSpan.FromMinutes(1));
        }

        var deleted = Signals.ForgetUser(user);

        Assert.Equal(8, deleted);
        using var probe = shared.Store.OpenRaw();
        var tables = UserTables(probe);
        Assert.Contains("user_interests", tables);
        Assert.Contains("cooldowns", tables);
        Assert.Contains("test_later_feature", tables);
        foreach (var table in tables)
        {
            Assert.Equal(0L, Count(probe, $"SELECT count(*) FROM \"{table}\" WHERE user_id = '{user}'"));
        }
        Assert.Equal(8L, tables.Sum(t => Count(probe, $"SELECT count(*) FROM \"{t}\" WHERE user_id = '{other}'")));
    }

    [Fact]
    public void MarkSeen_SamePaperShownAgain_KeepsTheFirstTimeAndMarksItReturned()
    {
        var user = NewUser();
        var (paper, other) = (RowId("Resolving Interference When Merging Models"), RowId("Merging Models with Fisher-Weighted Averaging"));
        var first = shared.Store.Clock.GetUtcNow();
        Signals.MarkSeen(user, [paper, other]);
        shared.Store.Clock.Advance(TimeSpan.FromHours(1));

        Signals.MarkSeen(user, [paper]);

        var shown = Signals.Profile(user, null, 0).Shown;
        Assert.Equal(new ShownPaper(first, Returned: true), shown[paper]);
        Assert.Equal(new ShownPaper(first, Returned: false), shown[other]);
    }

    [Fact]
    public void ForgetUser_RegisteredHook_IsCalledWithTheUser()
    {
        var hook = new RecordingHook();
        var signals = new UserSignalStore(shared.Store.Get<SqliteDatabase>(), shared.Store.Clock, [hook]);

        signals.ForgetUser("someone");

        Assert.Equal(["someone"], hook.Forgotten);
    }

    [Fact]
    public void Record_LikeThenDislike_KeepsOnlyTheLatestAndRepeatsChangeNothing()
    {
        var user = NewUser();
        var paper = RowId("Resolving Interference When Merging Models");

        Assert.True(Signals.Record(user, null, paper, FeedbackKind.Like));
        Assert.False(Signals.Record(user, null, paper, FeedbackKind.Like));
        Assert.True(Signals.Record(user, null, paper, FeedbackKind.Dislike));

        var profile = Signals.Profile(user, null, 5);
        Assert.Empty(profile.Liked);
        Assert.Equal([paper], profile.Disliked);
    }

    [Fact]
    public void AddInterest_SameTextOtherCaseOrOverTheLimit_IsRefused()
    {
        var user = NewUser();

        Assert.Equal(UserSignalStore.AddInterestResult.Added, Signals.AddInterest(user, "Model Merging", 2));
        Assert.Equal(UserSignalStore.AddInterestResult.AlreadyFollowed, Signals.AddInterest(user, "model  merging!", 2));
        Assert.Equal(UserSignalStore.AddInterestResult.Added, Signals.AddInterest(user, "diffusion", 2));
        Assert.Equal(UserSignalStore.AddInterestResult.TooMany, Signals.AddInterest(user, "adapters", 2));
        Assert.True(Signals.RemoveInterest(user, Signals.Interests(user).Single(i => i.Text == "Model Merging").Id));
        Assert.Equal(["diffusion"], Signals.Interests(user).Select(i => i.Text));
    }

    [Fact]
    public void RecordQuestion_SameQuestionRedelivered_IsKeptOnce()
    {
        var user = NewUser();

        Signals.RecordQuestion(user, "guild-1", "how are models merged?");
        Signals.RecordQuestion(user, "guild-1", "how are models merged?");
        shared.Store.Clock.Advance(TimeSpan.FromHours(2));
        Signals.RecordQuestion(user, "guild-1", "how are models merged?");

        Assert.Equal(2, Signals.Profile(user, null, 10).Questions.Count);
    }

    [Fact]
    public void RecordQuestion_ManyQuestions_KeepsOnlyTheNewestFifty()
    {
        var user = NewUser();

        for (var i = 0; i < UserSignalStore.KeptQuestions + 10; i++)
        {
            Signals.RecordQuestion(user, "guild-1", $"question number {i}?");
        }

        var kept = Signals.Profile(user, null, 1000).Questions;
        Assert.Equal(UserSignalStore.KeptQuestions, kept.Count);
        Assert.Contains($"question number {UserSignalStore.KeptQuestions + 9}?", kept);
        Assert.DoesNotContain("question number 9?", kept);
    }

    [Fact]
    public void Library_SavedPapers_NewestFirstInPages()
    {
        var user = NewUser();
        string[] titles = ["Resolving Interference When Merging Models", "Merging Models with Fisher-Weighted Averaging", "Parameter Competition Balancing for Model Merging"];
        foreach (var title in titles)
        {
            Signals.Record(user, null, RowId(title), FeedbackKind.Save);
            shared.Store.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var (first, total) = Signals.Library(user, 0, 2);
        var (second, _) = Signals.Library(user, 2, 2);

        Assert.Equal(3, total);
        Assert.Equal([titles[2], titles[1]], first.Select(p => p.Title));
        Assert.Equal([titles[0]], second.Select(p => p.Title));
    }

    private static List<string> UserTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'user_id'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class RecordingHook : IForgetUser
    {
        public List<string> Forgotten { get; } = [];

        public void ForgetUser(SqliteConnection connection, string userId) => Forgotten.Add(userId);
    }
}
