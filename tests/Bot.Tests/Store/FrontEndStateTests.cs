using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class FrontEndStateTests
{
    [Fact]
    public void TryStartCooldown_SecondCallWithinCooldown_ReturnsTheTimeLeft()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();

        var first = state.TryStartCooldown("u1", "search", TimeSpan.FromSeconds(10));
        store.Clock.Advance(TimeSpan.FromSeconds(4));
        var second = state.TryStartCooldown("u1", "search", TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(TimeSpan.FromSeconds(6), second);
    }

    [Fact]
    public void TryStartCooldown_AfterItEnds_AllowsAgain()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();
        state.TryStartCooldown("u1", "search", TimeSpan.FromSeconds(10));
        store.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, state.TryStartCooldown("u1", "search", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TryStartCooldown_OtherUserOrCommand_IsIndependent()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();
        state.TryStartCooldown("u1", "search", TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.Zero, state.TryStartCooldown("u2", "search", TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.Zero, state.TryStartCooldown("u1", "ingest", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TryClaimEvent_SameIdTwice_OnlyTheFirstWins()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();

        Assert.True(state.TryClaimEvent("interaction:1"));
        Assert.False(state.TryClaimEvent("interaction:1"));
        Assert.True(state.TryClaimEvent("interaction:2"));
    }

    [Fact]
    public void TryClaimEvent_TwoInstancesOnOneStore_OnlyOneWins()
    {
        using var first = TestStore.Create();
        using var second = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Store:Path"] = first.DatabasePath });

        var claims = new[] { first, second }.AsParallel().Select(s => s.Get<FrontEndState>().TryClaimEvent("interaction:42")).ToList();

        Assert.Single(claims, claimed => claimed);
    }

    [Fact]
    public void ForgetEventsOlderThan_RemovesOnlyOldOnes()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();
        state.TryClaimEvent("old");
        store.Clock.Advance(TimeSpan.FromDays(2));
        state.TryClaimEvent("new");

        Assert.Equal(1, state.ForgetEventsOlderThan(TimeSpan.FromDays(1)));
        Assert.True(state.TryClaimEvent("old"));
        Assert.False(state.TryClaimEvent("new"));
    }

    [Fact]
    public void Set_ThenGet_ReturnsTheLatestValue()
    {
        using var store = TestStore.Create();
        var state = store.Get<FrontEndState>();

        Assert.Null(state.Get("commands-hash"));
        state.Set("commands-hash", "a");
        state.Set("commands-hash", "b");

        Assert.Equal("b", state.Get("commands-hash"));
    }
}
