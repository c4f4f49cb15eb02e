using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Console;

/// <summary>Seeing what arrived: /digests, /latest, /summarize digest by date, and lists whose numbers go on across pages.</summary>
public sealed class BrowsingTests : IDisposable
{
    private readonly SharedDigestStore _shared = new();

    public void Dispose() => _shared.Dispose();

    private Task<string> RunAsync(string line) => ConsoleLines.RunAsync(_shared.Store, line);

    /// <summary>The sample digest that names no date, and the papers no other digest lists (their first-seen day is its arrival).</summary>
    private (Bot.Store.DigestInfo Digest, List<Bot.Store.StoredPaper> OnlyThere) UndatedDigest()
    {
        var store = _shared.Store.Get<Bot.Store.PaperStore>();
        var undated = store.ListDigests().Single(d => !d.DateKnown);
        return (undated, [.. store.GetPapers(store.DigestPaperRowIds(undated.Id)).Where(p => p.Appearances.All(a => !a.DateKnown))]);
    }

    [Fact]
    public async Task Digests_ListsEveryStoredDigestWithItsDateAndCount()
    {
        var reply = await RunAsync("/digests");

        Assert.StartsWith("3 digests stored\n", reply, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(reply, @"(?m)^  \d{4}-\d{2}-\d{2}: \d+ papers$").Count);
        Assert.Contains("2026-03-18: 77 papers", reply, StringComparison.Ordinal);
        // One sample names no date: it is not passed off as a digest of the day it arrived.
        Assert.Single(Regex.Matches(reply, @"(?m)^  date unknown, received \d{4}-\d{2}-\d{2}: 60 papers$"));
    }

    [Fact]
    public async Task Latest_ShowsTheNewestDigestsThemesThenPapersPagedWithNumbersGoingOn()
    {
        var first = await RunAsync("/latest");
        var second = await RunAsync("/latest 2");
        var twelfth = ConsoleLines.Listed(second, 12);

        var opened = await RunAsync("/paper 12");
        var notShown = await RunAsync("/paper 3");

        // The newest sample names no date; the headline says so rather than dating it today.
        Assert.StartsWith("Latest digest (date unknown, received ", first, StringComparison.Ordinal);
        Assert.Contains("  Theme: ", first, StringComparison.Ordinal);
        Assert.Contains(" 1. ", first, StringComparison.Ordinal);
        Assert.Contains("Papers 11-20 of ", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Theme: ", second, StringComparison.Ordinal);
        Assert.NotEmpty(twelfth);
        Assert.StartsWith(twelfth + "\n", opened, StringComparison.Ordinal);
        Assert.Contains("paper 12 of your last /latest page 2", opened, StringComparison.Ordinal);
        Assert.Contains("! There is no paper 3: your last list (/latest page 2) showed papers 11-20.", notShown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_FirstListedInAnUndatedDigest_SaysTheDateIsUnknownNotThatItCameOutThatDay()
    {
        var store = _shared.Store.Get<Bot.Store.PaperStore>();
        var (undated, onlyThere) = UndatedDigest();
        var onlyUndated = onlyThere[0];
        var alsoDated = store.GetPapers(store.DigestPaperRowIds(store.ListDigests().First(d => d.DateKnown).Id))[0];

        var undatedView = await RunAsync($"/paper {onlyUndated.Id}");
        var datedView = await RunAsync($"/paper {alsoDated.Id}");

        Assert.Contains($"first seen in a digest received {undated.Date:yyyy-MM-dd} (its date unknown)", undatedView, StringComparison.Ordinal);
        Assert.Contains($"of date unknown, received {undated.Date:yyyy-MM-dd}", undatedView, StringComparison.Ordinal);
        Assert.Contains($"first seen in the digest of {alsoDated.FirstSeen:yyyy-MM-dd}", datedView, StringComparison.Ordinal);
        Assert.DoesNotContain("date unknown", datedView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaperByNumber_AfterAnAnswer_OpensThatSource()
    {
        var answer = await RunAsync("how can the parameters of several fine-tuned models be merged using Fisher information?");
        var second = Regex.Match(answer.ReplaceLineEndings("\n"), @"(?m)^ 2\. (.+) \[[0-9a-f]+\]$").Groups[1].Value;

        var opened = await RunAsync("/paper 2");

        Assert.NotEmpty(second);
        Assert.StartsWith(second + "\n", opened, StringComparison.Ordinal);
        Assert.Contains("paper 2 of your last /ask sources", opened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndLatest_PaperFirstListedInAnUndatedDigest_ListedWithDateUnknownNotAsADigestOfThatDay()
    {
        var store = _shared.Store.Get<Bot.Store.PaperStore>();
        var (undated, onlyThere) = UndatedDigest();
        var onlyUndated = onlyThere[0];
        var dated = store.GetPapers(store.DigestPaperRowIds(store.ListDigests().First(d => d.DateKnown).Id)).First(p => p.FirstSeenKnown);

        var found = await RunAsync($"/search {onlyUndated.Title} limit:25");
        var foundDated = await RunAsync($"/search {dated.Title} limit:25");

        Assert.Contains($"{onlyUndated.Title} (first seen: date unknown, received {undated.Date:yyyy-MM-dd}) [{onlyUndated.Id}]", found, StringComparison.Ordinal);
        Assert.Contains($"{dated.Title} (first seen {dated.FirstSeen:yyyy-MM-dd}) [{dated.Id}]", foundDated, StringComparison.Ordinal);
        var embed = Bot.Discord.Interactions.ReplyEmbeds.PaperList("results", [new Bot.Commands.ReplyItem(onlyUndated.Title, "", onlyUndated.Id, onlyUndated.FirstSeen, null, DateKnown: false)], 1, null);
        Assert.Contains($"· first seen: date unknown, received {undated.Date:yyyy-MM-dd}", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibraryAndPicks_PaperFirstListedInAnUndatedDigest_ListedWithDateUnknown()
    {
        var store = _shared.Store.Get<Bot.Store.PaperStore>();
        var (undated, onlyUndated) = UndatedDigest();
        var (saved, followed) = (onlyUndated[0], onlyUndated[1]);
        var label = $"{saved.Title} (first seen: date unknown, received {undated.Date:yyyy-MM-dd}) [{saved.Id}]";
        const string User = "undated-dates-user";
        var commands = _shared.Store.Get<Bot.Commands.RecommendationCommands>();

        commands.Feedback(User, null, saved.Id, Bot.Recommendations.FeedbackKind.Save);
        var library = Bot.Console.ReplyRenderer.Render(commands.Library(User, 0));
        // Saved papers are not picked again: the pick to check is another paper of the undated digest.
        await commands.FollowAsync(User, followed.Title, CancellationToken.None);
        var (_, picks) = await commands.RecommendAsync(User, null, 10, CancellationToken.None);

        Assert.Contains(label, library, StringComparison.Ordinal);
        Assert.False(Assert.Single(picks, p => p.PaperId == followed.Id).FirstSeenKnown);
        Assert.All(picks.Where(p => p.PaperId != followed.Id), p => Assert.Equal(store.FindPaper(p.PaperId)!.FirstSeenKnown, p.FirstSeenKnown));
    }

    [Fact]
    public async Task SummarizeDigest_ByDate_OrUnknown_ListsTheValidOnes()
    {
        var byDate = await RunAsync("/summarize digest 2026-03-18");
        var unknown = await RunAsync("/summarize digest 1999-01-01");

        Assert.StartsWith("Digest 2026-03-18-", byDate, StringComparison.Ordinal);
        Assert.Contains("77 papers", byDate, StringComparison.Ordinal);
        Assert.StartsWith("! No digest has the id, file name or date \"1999-01-01\"; stored: ", unknown, StringComparison.Ordinal);
        Assert.Contains("(2026-03-18)", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_APathOnThisMachine_AddsItsDigestAndABadPathSaysSo()
    {
        using var folder = new TempDirectory();
        var file = folder.Write("new.txt", "Daily Papers\n\nMay 9\n\nA Brand New Paper on Zebra Stripes\n\nZebra stripes deter biting flies in field trials. We counted landings on striped coats.\n");

        var added = await RunAsync("/ingest " + file);
        var again = await RunAsync("/ingest " + file);
        var missing = await RunAsync("/ingest /no/such/digest.txt");

        Assert.StartsWith("1 digest added (0 already stored): 1 new paper, 0 already known.", added, StringComparison.Ordinal);
        Assert.StartsWith("0 digests added (1 already stored)", again, StringComparison.Ordinal);
        Assert.StartsWith("! There is no file or folder \"/no/such/digest.txt\".", missing, StringComparison.Ordinal);
        Assert.Contains("A Brand New Paper on Zebra Stripes", await RunAsync("/paper zebra stripes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_SecondPage_GoesOnCountingAndItsNumbersMeanItsPapers()
    {
        var results = await RunAsync("/search model merging limit:7");
        // Saving does not replace the list the numbers refer to: 1 to 7 are the seven results.
        for (var i = 1; i <= 7; i++)
        {
            Assert.StartsWith("Saved ", await RunAsync($"/save {i}"), StringComparison.Ordinal);
        }

        var page = await RunAsync("/library 2");
        var sixth = ConsoleLines.Listed(page, 6);
        var opened = await RunAsync("/paper 6");

        Assert.Contains("Page 2/2", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" 1. ", page, StringComparison.Ordinal);
        Assert.NotEmpty(sixth);
        Assert.StartsWith(sixth + "\n", opened, StringComparison.Ordinal);
        Assert.Contains("7 papers for \"model merging\"", results, StringComparison.Ordinal);
    }
}
