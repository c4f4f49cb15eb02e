using Bot.Discord.Interactions;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Discord.Interactions;

public sealed class SearchSessionsTests
{
    /// <summary>A snowflake minted at <paramref name="time"/> (milliseconds since 2015 in the top 42 bits).</summary>
    private static string Snowflake(DateTimeOffset time) =>
        (((ulong)(time - new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalMilliseconds) << 22).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ForgetOlderThan_OldAndNewSessions_KeepsOnlyTheNewOnes()
    {
        using var store = TestStore.Create();
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        store.Clock.SetUtcNow(now);
        var sessions = new SearchSessions(store.Get<FrontEndState>(), store.Clock);
        var old = Snowflake(now.AddDays(-8));
        var recent = Snowflake(now.AddDays(-1));
        sessions.Save(old, new SearchSession("old query", null, 10, "u"));
        sessions.Save(recent, new SearchSession("new query", null, 10, "u"));
        store.Get<FrontEndState>().Set("commands-hash", "keep me");

        var forgotten = sessions.ForgetOlderThan(TimeSpan.FromDays(7));

        Assert.Equal(1, forgotten);
        Assert.Null(sessions.Find(old));
        Assert.Equal("new query", sessions.Find(recent)!.Query);
        Assert.Equal("keep me", store.Get<FrontEndState>().Get("commands-hash"));
    }
}
