using Bot.Recommendations;

namespace Bot.Tests.Recommendations;

public sealed class RecommenderTests(EmbeddedDigestStore shared) : IClassFixture<EmbeddedDigestStore>
{
    private const string Merging = "Resolving Interference When Merging Models";
    private const string Fisher = "Merging Models with Fisher-Weighted Averaging";

    private UserSignalStore Signals => shared.Store.Get<UserSignalStore>();

    private Recommender Recommender => shared.Store.Get<Recommender>();

    private static string NewUser() => "user-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task PicksForUserAsync_Interest_PicksMatchingPapersAndNamesTheInterest()
    {
        var user = NewUser();
        Signals.AddInterest(user, "adversarial examples that transfer to black-box models", 20);
        Signals.AddInterest(user, "merging fine-tuned models into one", 20);

        var picks = await Recommender.PicksForUserAsync(user, null, 5, CancellationToken.None);

        Assert.Equal(5, picks.Count);
        var adversarial = picks.Where(p => p.Title.Contains("Adversarial", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(adversarial);
        Assert.All(adversarial, p => Assert.StartsWith("Matches your interest \"adversarial examples that transfer to black-box models\" (shares: adversarial, ", p.Reason, StringComparison.Ordinal));
        var merging = picks.Where(p => p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(merging);
        Assert.All(merging, p => Assert.Contains("merging fine-tuned models into one", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PicksForUserAsync_LikedPaperOnly_ReasonNamesTheLikedPaper()
    {
        var user = NewUser();
        Signals.Record(user, null, shared.RowId(Merging), FeedbackKind.Like);

        var picks = await Recommender.PicksForUserAsync(user, null, 3, CancellationToken.None);

        Assert.Contains(picks, p => p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(picks, p => p.Reason.Contains($"\"{Merging}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(picks, p => p.Title == Merging);
    }

    [Fact]
    public async Task PicksForUserAsync_AfterFeedback_NextRankingChanges()
    {
        var user = NewUser();
        Signals.AddInterest(user, "efficient fine-tuning of large models", 20);
        var before = await Recommender.PicksForUserAsync(user, null, 25, CancellationToken.None);

        Signals.Record(user, null, shared.RowId(Merging), FeedbackKind.Like);
        Signals.Record(user, null, shared.RowId(Fisher), FeedbackKind.Save);
        var after = await Recommender.PicksForUserAsync(user, null, 25, CancellationToken.None);

        Assert.NotEqual(before.Select(p => p.PaperRowId), after.Select(p => p.PaperRowId));
        Assert.True(MergingScore(after) > MergingScore(before), $"merging papers before: {MergingScore(before):F2}, after: {MergingScore(after):F2}");
        Assert.Contains(after, p => p.Reason.Contains($"\"{Merging}\"", StringComparison.Ordinal) || p.Reason.Contains($"\"{Fisher}\"", StringComparison.Ordinal));

        // Reciprocal ranks of merging papers among the picks: higher when they rank higher or more of them appear.
        static double MergingScore(IReadOnlyList<Pick> picks) =>
            picks.Select((p, i) => p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase) ? 1.0 / (i + 1) : 0).Sum();
    }

    [Fact]
    public async Task PicksForUserAsync_SeenSavedDismissedOrJudged_NeverPickedAgain()
    {
        var user = NewUser();
        Signals.AddInterest(user, "model merging", 20);
        var first = await Recommender.PicksForUserAsync(user, null, 4, CancellationToken.None);
        Signals.MarkSeen(user, [first[0].PaperRowId]);
        Signals.Record(user, null, first[1].PaperRowId, FeedbackKind.Save);
        Signals.Record(user, null, first[2].PaperRowId, FeedbackKind.Dismiss);
        Signals.Record(user, null, first[3].PaperRowId, FeedbackKind.Like);

        var excluded = first.Select(p => p.PaperRowId).ToHashSet();
        for (var round = 0; round < 5; round++)
        {
            var picks = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);
            Assert.DoesNotContain(picks, p => excluded.Contains(p.PaperRowId));
            Signals.MarkSeen(user, picks.Select(p => p.PaperRowId));
            foreach (var pick in picks)
            {
                Assert.True(excluded.Add(pick.PaperRowId), $"{pick.Title} was picked twice");
            }
        }
    }

    [Fact]
    public async Task PicksForUserAsync_NotInterested_LowersSimilarPapers()
    {
        var user = NewUser();
        Signals.AddInterest(user, "merging models", 20);
        var before = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);
        var dismissed = before.First(p => p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase));

        Signals.Record(user, null, dismissed.PaperRowId, FeedbackKind.Dismiss);
        var after = await Recommender.PicksForUserAsync(user, null, 10, CancellationToken.None);

        var similarBefore = before.Count(p => p.PaperRowId != dismissed.PaperRowId && p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase));
        var similarAfter = after.Count(p => p.Title.Contains("Merging", StringComparison.OrdinalIgnoreCase));
        Assert.True(similarAfter < similarBefore, $"papers like the dismissed one: before {similarBefore}, after {similarAfter}");
    }

    [Fact]
    public async Task PicksForUserAsync_ColdStartInAServer_ServerFavouritesFirst()
    {
        var guild = "guild-" + Guid.NewGuid().ToString("N");
        var favourite = shared.RowId(Fisher);
        Signals.Record(NewUser(), guild, favourite, FeedbackKind.Like);
        Signals.Record(NewUser(), guild, favourite, FeedbackKind.Save);

        var picks = await Recommender.PicksForUserAsync(NewUser(), guild, 3, CancellationToken.None);

        Assert.Equal(favourite, picks[0].PaperRowId);
        Assert.Equal("Liked or saved by 2 people in this server", picks[0].Reason);
    }

    [Fact]
    public async Task PicksForGroupAsync_MembersInterests_CoverEachAndSkipWhatTheServerWasShown()
    {
        var guild = "guild-" + Guid.NewGuid().ToString("N");
        var (alice, bob) = (NewUser(), NewUser());
        Signals.AddInterest(alice, "adversarial examples", 20);
        Signals.AddInterest(bob, "model merging", 20);
        var shown = await Recommender.PicksForGroupAsync([alice, bob], guild, 6, CancellationToken.None);
        Signals.MarkSeen(UserSignalStore.GroupKey(guild), shown.Select(p => p.PaperRowId));

        var next = await Recommender.PicksForGroupAsync([alice, bob], guild, 6, CancellationToken.None);

        Assert.Contains(shown, p => p.Reason.Contains("adversarial examples", StringComparison.Ordinal));
        Assert.Contains(shown, p => p.Reason.Contains("model merging", StringComparison.Ordinal));
        Assert.All(shown, p => Assert.StartsWith("Matches the server's interest", p.Reason, StringComparison.Ordinal));
        Assert.Empty(next.Select(p => p.PaperRowId).Intersect(shown.Select(p => p.PaperRowId)));
    }

    [Fact]
    public async Task PicksForUserAsync_AmongSevenPapers_FiveOfThoseAndNoOther()
    {
        var user = NewUser();
        Signals.AddInterest(user, "model merging", 20);
        var best = await Recommender.PicksForUserAsync(user, null, 20, CancellationToken.None);
        // Seven papers the unrestricted ranking does not put first: the restriction, not the ranking, keeps the others out.
        var allowed = shared.Store.Get<Bot.Store.PaperStore>().ListDigests()
            .SelectMany(d => shared.Store.Get<Bot.Store.PaperStore>().DigestPaperRowIds(d.Id))
            .Except(best.Select(p => p.PaperRowId)).Take(7).ToHashSet();
        Assert.Equal(7, allowed.Count);

        var picks = await Recommender.PicksForUserAsync(user, null, 5, CancellationToken.None, among: allowed);

        Assert.Equal(5, picks.Count);
        Assert.All(picks, p => Assert.Contains(p.PaperRowId, allowed));
        Assert.Equal(5, picks.Select(p => p.PaperRowId).Distinct().Count());
    }

    [Fact]
    public async Task PicksForUsersAsync_SeveralUsers_EachGetsWhatTheyGetAlone()
    {
        // No likes or saves: no regression, so no random draw, so one user's picks do not depend on when they were ranked.
        var (alice, bob, carol) = (NewUser(), NewUser(), NewUser());
        Signals.AddInterest(alice, "adversarial examples that transfer to black-box models", 20);
        Signals.AddInterest(bob, "merging fine-tuned models into one", 20);
        Signals.Record(bob, null, shared.RowId(Fisher), FeedbackKind.Dismiss);
        Signals.AddInterest(carol, "efficient fine-tuning of large models", 20);
        Signals.MarkSeen(carol, [shared.RowId(Merging)]);
        var allowed = shared.Store.Get<Bot.Store.PaperStore>().ListDigests()
            .SelectMany(d => shared.Store.Get<Bot.Store.PaperStore>().DigestPaperRowIds(d.Id)).Take(60).ToHashSet();

        foreach (var among in new[] { null, allowed })
        {
            var together = await Recommender.PicksForUsersAsync([(alice, null), (bob, "guild-a"), (carol, null)], 5, CancellationToken.None, among);

            Assert.Equal(3, together.Count);
            Assert.Equal(await Recommender.PicksForUserAsync(alice, null, 5, CancellationToken.None, among), together[0]);
            Assert.Equal(await Recommender.PicksForUserAsync(bob, "guild-a", 5, CancellationToken.None, among), together[1]);
            Assert.Equal(await Recommender.PicksForUserAsync(carol, null, 5, CancellationToken.None, among), together[2]);
            Assert.DoesNotContain(together[1], p => p.Title == Fisher);
            Assert.DoesNotContain(together[2], p => p.Title == Merging);
        }
    }

    [Fact]
    public async Task PicksForGroupAsync_AmongPapersAlreadyShown_PicksNothingElse()
    {
        var guild = "guild-" + Guid.NewGuid().ToString("N");
        var alice = NewUser();
        Signals.AddInterest(alice, "adversarial examples", 20);
        var shown = await Recommender.PicksForGroupAsync([alice], guild, 3, CancellationToken.None);
        Signals.MarkSeen(UserSignalStore.GroupKey(guild), shown.Select(p => p.PaperRowId));

        var next = await Recommender.PicksForGroupAsync([alice], guild, 3, CancellationToken.None, among: shown.Select(p => p.PaperRowId).ToHashSet());

        Assert.Empty(next);
    }

    [Fact]
    public async Task PicksForUserAsync_InterestWithoutVector_EmbeddedOnceAndStored()
    {
        var user = NewUser();
        Signals.AddInterest(user, "diffusion models for images", 20);
        Assert.Null(Assert.Single(Signals.Interests(user)).Vector);

        await Recommender.PicksForUserAsync(user, null, 3, CancellationToken.None);

        var stored = Assert.Single(Signals.Interests(user));
        Assert.Equal(Bot.Tests.Fakes.FakeEmbeddingGenerator.Dimensions, stored.Vector!.Length);
        Assert.Equal(shared.Store.Get<Bot.Embeddings.ActiveEmbeddingModel>().ModelId, stored.ModelId);
    }
}
