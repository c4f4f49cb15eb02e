using Bot.Commands;
using Bot.Recommendations;
using Bot.Recommendations.Daily;
using Bot.Store;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Recommendations.Daily;

/// <summary>/forget-me against every column of every table, not only the tables with a <c>user_id</c> column.</summary>
public sealed class ForgetEverywhereTests
{
    private const string User = "1220000000000000777";
    private const string Other = "1220000000000000888";

    [Fact]
    public async Task ForgetMe_UserWithEveryKindOfRow_NoTableMentionsThemAfterwards()
    {
        await using var h = await DailyHarness.StartAsync(new DateTimeOffset(2024, 5, 5, 12, 0, 0, TimeSpan.Zero));
        h.Digest("sunday", "model merging");
        var signals = h.Store.Get<UserSignalStore>();
        var paper = h.Store.Get<PaperStore>().FindPaper("sunday paper 1: model merging at scale, variant 1")!.RowId;
        foreach (var who in new[] { User, Other })
        {
            h.Subscribe(who, "08:00", "UTC", notifyEmpty: true);
            foreach (var kind in new[] { FeedbackKind.Like, FeedbackKind.Save, FeedbackKind.Dismiss })
            {
                signals.Record(who, DailyHarness.GuildId, paper + (int)kind, kind);
            }
            signals.RecordQuestion(who, DailyHarness.GuildId, "how are models merged?");
            h.Store.Get<FrontEndState>().TryStartCooldown(who, "recommend", TimeSpan.FromMinutes(1));
        }
        Assert.False(h.Store.Get<DailyCommands>().SetCommunityDigest(DailyHarness.GuildId, "1230000000000000009", User, null, null).IsError);
        await h.Store.Get<RecommendationCommands>().RecommendAsync(User, DailyHarness.GuildId, 2, CancellationToken.None);
        // Monday's posts (sent), and Tuesday's claimed but unfinished, with its stored post naming the user.
        h.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero));
        await h.Scheduler().RunOnceAsync(CancellationToken.None);
        var tuesday = new DateOnly(2024, 5, 7);
        Assert.True(h.Ledger.TryClaim("user:" + User, tuesday, "crashed", h.Clock.GetUtcNow()));
        h.Ledger.SavePost("user:" + User, tuesday, "crashed",
            await h.Store.Get<DailyPostComposer>().ForSubscriberAsync(h.Store.Get<SubscriptionStore>().Find(User)!, tuesday, CancellationToken.None));
        Assert.NotEmpty(Mentions(h, User));

        var reply = h.Store.Get<RecommendationCommands>().ForgetMe(User);

        Assert.Equal("Forgotten.", reply.Headline);
        Assert.Empty(Mentions(h, User));
        Assert.Contains("daily_posts.target", Mentions(h, Other));
        Assert.Contains("daily_subscriptions.user_id", Mentions(h, Other));
        Assert.NotNull(h.Store.Get<SubscriptionStore>().FindCommunityDigest(DailyHarness.GuildId));
    }

    /// <summary>Every text column of every table (the full-text index's own tables too) that contains <paramref name="id"/>, as table.column.</summary>
    private static List<string> Mentions(DailyHarness h, string id)
    {
        using var connection = h.Store.OpenRaw();
        var found = new List<string>();
        foreach (var table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%'"))
        {
            foreach (var column in Strings(connection, $"SELECT name FROM pragma_table_info('{table}') WHERE type IN ('TEXT', '')"))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), $id) > 0)";
                command.Parameters.AddWithValue("$id", id);
                if ((long)command.ExecuteScalar()! == 1)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }
        return found;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
