using Bot.Console;
using Bot.Recommendations;
using Bot.Tests.Support;

namespace Bot.Tests.Console;

public sealed class RecommendationConsoleTests : IDisposable
{
    private readonly SharedDigestStore _shared = new();

    private Task<string> RunAsync(string line) => ConsoleLines.RunAsync(_shared.Store, line);

    [Fact]
    public async Task FollowRecommendLikeLibraryForget_ConsoleUser_WholeCycle()
    {
        Assert.Contains("Following \"model merging\"", await RunAsync("/follow model merging"));
        Assert.Contains("#1 model merging", await RunAsync("/interests"));

        var picks = await RunAsync("/recommend 3");
        Assert.Contains("3 picks for you", picks);
        Assert.Contains("\n    Why: Matches your interest \"model merging\"", picks.ReplaceLineEndings("\n"));

        Assert.Contains("Noted: you liked", await RunAsync("/like Resolving Interference When Merging Models"));
        Assert.Contains("Saved \"Merging Models with Fisher-Weighted Averaging\"", await RunAsync("/save Merging Models with Fisher-Weighted Averaging"));
        Assert.Contains("Fisher-Weighted", await RunAsync("/library"));
        Assert.Contains("/forget-me confirm", await RunAsync("/forget-me"));
        Assert.Equal(1, _shared.Store.Get<UserSignalStore>().Library(UserSignalStore.ConsoleUserId, 0, 5).Total);

        Assert.Contains("Forgotten.", await RunAsync("/forget-me confirm"));
        Assert.Contains("You follow nothing yet.", await RunAsync("/interests"));
        Assert.Contains("Your library is empty.", await RunAsync("/library"));
    }

    [Fact]
    public async Task BadArguments_ClearErrorsAndNothingRecorded()
    {
        Assert.Contains("! /follow needs a sentence or a few keywords", await RunAsync("/follow"));
        Assert.Contains("! No paper has the id or title \"no such paper\"", await RunAsync("/dislike no such paper"));
        Assert.Contains("! count must be a whole number, not \"lots\"", await RunAsync("/recommend lots"));
        Assert.Contains("! count must be between 1 and 10", await RunAsync("/recommend 99"));
        Assert.Contains("! page must be between 1 and 1000", await RunAsync("/library -1"));
        Assert.Contains("! topic is at most 200 characters", await RunAsync("/follow " + new string('x', 300)));
        Assert.Empty(_shared.Store.Get<UserSignalStore>().KnownUsers());
    }

    [Fact]
    public async Task Unfollow_AnInterestWhoseIdIsAnotherInterestsText_RemovesOnlyTheNamedOne()
    {
        await RunAsync("/follow alpha topic");
        await RunAsync("/follow beta topic");
        await RunAsync("/follow 2");
        var beta = _shared.Store.Get<UserSignalStore>().Interests(UserSignalStore.ConsoleUserId).Single(i => i.Text == "beta topic");

        var reply = await RunAsync("/unfollow beta topic");

        // The store is fresh, so "beta topic" is interest 2, as "2" is the third interest's text.
        Assert.Equal(2, beta.Id);
        Assert.Contains("No longer following \"beta topic\"", reply);
        Assert.Equal(["alpha topic", "2"], _shared.Store.Get<UserSignalStore>().Interests(UserSignalStore.ConsoleUserId).Select(i => i.Text));
    }

    [Fact]
    public async Task Feedback_PickNumberNotShown_SaysSoInsteadOfLookingForATitle()
    {
        var before = await RunAsync("/save 2");
        await RunAsync("/follow model merging");
        await RunAsync("/recommend 3");

        var tooFar = await RunAsync("/dismiss 9");

        Assert.Contains("! There is no paper 2 to refer to: numbers mean the papers of your last /search, /recommend, /library or /latest.", before);
        Assert.Contains("! There is no paper 9: your last list (/recommend) showed papers 1-3.", tooFar);
    }

    [Fact]
    public async Task SaveTwiceAndALibraryPageTooFar_SayWhatHappened()
    {
        const string Title = "Merging Models with Fisher-Weighted Averaging";

        var first = await RunAsync("/save " + Title);
        var again = await RunAsync("/save " + Title);
        var page = await RunAsync("/library 3");

        Assert.Contains($"Saved \"{Title}\"", first);
        Assert.Contains($"\"{Title}\" is already in your /library.", again);
        Assert.Contains("Page 1/1 (there is no page 3)", page);
        Assert.Contains(Title, page);
    }

    [Fact]
    public async Task Unfollow_ByTheNumberInterestsShows_RemovesThatOneAndNamesIt()
    {
        await RunAsync("/follow model merging");
        await RunAsync("/follow knowledge distillation");
        await RunAsync("/follow diffusion models for video");
        await RunAsync("/unfollow model merging");

        var listed = await RunAsync("/interests");
        var second = await RunAsync("/unfollow #2");
        var outOfRange = await RunAsync("/unfollow 5");
        var first = await RunAsync("/unfollow 1");

        Assert.Contains("#1 knowledge distillation", listed);
        Assert.Contains("#2 diffusion models for video", listed);
        Assert.Contains("No longer following \"diffusion models for video\"", second);
        Assert.Contains("! You do not follow \"#5\"", outOfRange);
        Assert.Contains("No longer following \"knowledge distillation\"", first);
        Assert.Empty(_shared.Store.Get<UserSignalStore>().Interests(UserSignalStore.ConsoleUserId));
    }

    [Fact]
    public async Task Follow_NoWordsOrInvisibleCharacters_RefusedOrStoredWithoutThem()
    {
        var emoji = await RunAsync("/follow 🙂🙂");
        var invisible = await RunAsync("/follow ​⁠");
        var bidi = await RunAsync("/follow diffusion ‮models‬ for video");

        Assert.Contains("! An interest needs words", emoji);
        Assert.Contains("! ", invisible);
        Assert.Contains("Following \"diffusion models for video\"", bidi);
        var stored = Assert.Single(_shared.Store.Get<UserSignalStore>().Interests(UserSignalStore.ConsoleUserId));
        Assert.Equal("diffusion models for video", stored.Text);
    }

    [Fact]
    public async Task BadPaperOrInterest_HostileText_EchoedClippedWithoutControlCharacters()
    {
        var hostile = "@everyone \u202E" + new string('x', 3000);

        var save = await RunAsync("/save " + hostile);
        var unfollow = await RunAsync("/unfollow " + hostile);

        foreach (var reply in new[] { save, unfollow })
        {
            Assert.StartsWith("! ", reply, StringComparison.Ordinal);
            Assert.True(reply.Length < 200, reply);
            Assert.DoesNotContain('\u202E', reply);
        }
        Assert.Empty(_shared.Store.Get<UserSignalStore>().KnownUsers());
    }

    [Fact]
    public async Task Like_PickNumber_RecordsThatPickOfTheLastRecommend()
    {
        await RunAsync("/follow model merging");
        var picks = await RunAsync("/recommend 3");

        var reply = await RunAsync("/like 2");

        var titles = picks.Split('\n').Where(l => l.StartsWith(" 2. ", StringComparison.Ordinal)).ToList();
        var title = Assert.Single(titles)[4..].Split(" (", 2)[0];
        Assert.Contains($"Noted: you liked \"{title}\"", reply);
        Assert.Contains("Forgotten.", await RunAsync("/forget-me confirm"));
        // Forgotten, the picks shown are gone too: "2" points at nothing.
        Assert.Contains("! There is no paper 2 to refer to", await RunAsync("/like 2"));
    }

    [Fact]
    public async Task Like_NumberWithoutARecommendOrLargerThanAPick_IsReadAsAPaperIdOrTitle()
    {
        Assert.Contains("! There is no paper 2 to refer to", await RunAsync("/like 2"));
        Assert.Contains("! No paper has the id or title \"2024\"", await RunAsync("/like 2024"));
    }

    [Fact]
    public async Task Recommend_EmptyLibrary_SaysNoDigestYet()
    {
        using var empty = TestStore.Create();

        var reply = await ConsoleLines.RunAsync(empty, "/recommend");

        Assert.Contains("The library is empty", reply);
    }

    [Fact]
    public async Task Save_NumberAfterASearch_MeansThatSearchsResultNotAnEarlierPick()
    {
        await RunAsync("/follow model merging");
        var picks = await RunAsync("/recommend 3");
        var results = await RunAsync("/search in-context learning limit:3");

        var reply = await RunAsync("/save 2");

        var second = ConsoleLines.Listed(results, 2);
        Assert.Contains($"Saved \"{second}\"", reply);
        Assert.Contains("(paper 2 of your last /search)", reply);
        Assert.DoesNotContain(second, picks);
        Assert.Contains(second, await RunAsync("/library"));
    }

    [Fact]
    public async Task Paper_NumberFromTheLastList_OpensThatPaperAndSaysWhichItMeant()
    {
        var results = await RunAsync("/search model merging limit:3");

        var reply = await RunAsync("/paper 3");

        var third = ConsoleLines.Listed(results, 3);
        Assert.StartsWith(third, reply, StringComparison.Ordinal);
        Assert.Contains("paper 3 of your last /search", reply);
    }

    [Fact]
    public async Task UnsaveAndUndo_TakeBackWhatWasDone_AndSayWhenThereWasNothing()
    {
        const string Title = "Merging Models with Fisher-Weighted Averaging";
        await RunAsync("/save " + Title);
        await RunAsync("/like " + Title);
        var library = await RunAsync("/library");

        var unsaved = await RunAsync("/unsave 1");
        var undone = await RunAsync("/undo " + Title);
        var again = await RunAsync("/undo " + Title);

        Assert.Contains(Title, library);
        Assert.Contains($"Removed \"{Title}\" from your /library.", unsaved);
        Assert.Contains("(paper 1 of your last /library page 1)", unsaved);
        Assert.Contains($"Took back your like of \"{Title}\".", undone);
        Assert.Contains($"You had not liked, disliked or dismissed \"{Title}\".", again);
        Assert.Contains("Your library is empty.", await RunAsync("/library"));
        var profile = _shared.Store.Get<UserSignalStore>().Profile(UserSignalStore.ConsoleUserId, null, 0);
        Assert.Empty(profile.Liked);
    }

    public void Dispose() => _shared.Dispose();
}
