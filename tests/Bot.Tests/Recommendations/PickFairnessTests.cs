using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

/// <summary>
/// Issue 13, item 6: followed interests share the picks, a reason names what really supports the pick,
/// and a paper only shown may come back once when something newer makes it a strong match.
/// </summary>
public sealed class PickFairnessTests(EmbeddedDigestStore shared) : IClassFixture<EmbeddedDigestStore>
{
    private const string Diffusion = "diffusion model efficiency";
    private const string Adversarial = "adversarial examples that transfer to black-box models";
    private const string Coefficients = "Development of different methods and their efficiencies for the estimation of diffusion coefficients following the diffusion couple technique";

    private UserSignalStore Signals => shared.Store.Get<UserSignalStore>();

    private Recommender Recommender => shared.Store.Get<Recommender>();

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task PicksForUserAsync_TwoInterestsOneWithManyMorePapers_EachGetsHalfThePicks()
    {
        var user = NewUser();
        Signals.AddInterest(user, Diffusion, 20);
        Signals.AddInterest(user, Adversarial, 20);

        var picks = await Recommender.PicksForUserAsync(user, null, 6, CancellationToken.None);

        Assert.Equal(6, picks.Count);
        Assert.Equal(3, picks.Count(p => p.Reason.Contains($"\"{Diffusion}\"", StringComparison.Ordinal)));
        Assert.Equal(3, picks.Count(p => p.Reason.Contains($"\"{Adversarial}\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PicksForUserAsync_SecondInterestMatchesNothing_FirstTakesEverySlot()
    {
        var user = NewUser();
        Signals.AddInterest(user, Adversarial, 20);
        Signals.AddInterest(user, "zebrafish husbandry", 20);

        var picks = await Recommender.PicksForUserAsync(user, null, 4, CancellationToken.None);

        Assert.Equal(4, picks.Count);
        Assert.All(picks, p => Assert.Contains($"\"{Adversarial}\"", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PicksForUserAsync_PaperSharingTheInterestsWordsInAnotherSense_ReasonDoesNotNameTheInterest()
    {
        var user = NewUser();
        Signals.AddInterest(user, Diffusion, 20);

        var picks = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);

        var materials = Assert.Single(picks, p => p.Title == Coefficients);
        Assert.DoesNotContain(Diffusion, materials.Reason, StringComparison.Ordinal);
        Assert.StartsWith("A loose match for what you follow", materials.Reason, StringComparison.Ordinal);
        Assert.Contains(picks, p => p.Title.Contains("Diffusion Models", StringComparison.Ordinal)
            && p.Reason == $"Matches your interest \"{Diffusion}\" (shares: diffusion, model)");
    }

    [Fact]
    public async Task PicksForUserAsync_ShownBeforeFollowing_StrongMatchComesBackOnce()
    {
        var user = NewUser();
        var coldStart = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);
        Signals.MarkSeen(user, coldStart.Select(p => p.PaperRowId));
        var best = coldStart[0];
        shared.Store.Clock.Advance(TimeSpan.FromMinutes(1));

        Signals.AddInterest(user, best.Title, 20);
        var afterFollowing = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);
        Signals.MarkSeen(user, afterFollowing.Select(p => p.PaperRowId));
        shared.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        Signals.AddInterest(user, best.Title + " and its follow-ups", 20);
        var later = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);

        Assert.Contains(afterFollowing, p => p.PaperRowId == best.PaperRowId);
        Assert.DoesNotContain(later, p => p.PaperRowId == best.PaperRowId);
    }

    [Fact]
    public async Task PicksForUserAsync_ShownThenDismissedOrDisliked_NeverComesBack()
    {
        var user = NewUser();
        var coldStart = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);
        Signals.MarkSeen(user, coldStart.Select(p => p.PaperRowId));
        Signals.Record(user, null, coldStart[0].PaperRowId, FeedbackKind.Dismiss);
        Signals.Record(user, null, coldStart[1].PaperRowId, FeedbackKind.Dislike);
        shared.Store.Clock.Advance(TimeSpan.FromMinutes(1));

        Signals.AddInterest(user, coldStart[0].Title, 20);
        Signals.AddInterest(user, coldStart[1].Title, 20);
        var picks = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);

        Assert.DoesNotContain(picks, p => p.PaperRowId == coldStart[0].PaperRowId || p.PaperRowId == coldStart[1].PaperRowId);
    }

    [Fact]
    public async Task PicksForUserAsync_ShownAndNothingNewSince_StaysOut()
    {
        var user = NewUser();
        Signals.AddInterest(user, Adversarial, 20);
        var first = await Recommender.PicksForUserAsync(user, null, 3, CancellationToken.None);
        shared.Store.Clock.Advance(TimeSpan.FromMinutes(1));
        Signals.MarkSeen(user, first.Select(p => p.PaperRowId));

        var next = await Recommender.PicksForUserAsync(user, null, 3, CancellationToken.None);

        Assert.Empty(next.Select(p => p.PaperRowId).Intersect(first.Select(p => p.PaperRowId)));
    }
}
