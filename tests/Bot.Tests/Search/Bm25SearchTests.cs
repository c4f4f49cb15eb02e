using Bot.Digests;
using Bot.Search;
using Bot.Tests.Support;

namespace Bot.Tests.Search;

public sealed class Bm25SearchTests
{
    [Fact]
    public async Task Search_TitleMatchAndAbstractMatch_RanksTheTitleMatchFirst()
    {
        using var store = TestStore.Create();
        store.Get<DigestIngestor>().IngestFile(store.WriteFile("d.txt", DigestText.Build("2024-05-06",
            ("Scaling Laws for Language Model Pretraining", "We fit scaling laws to many training runs. The fitted laws also hold for zeolite catalysis data, which surprised us. We release the fits."),
            ("Zeolite Catalysis with Graph Networks", "We predict reaction rates of porous catalysts with graph networks. Our model beats physics baselines. We release the code."),
            ("Unrelated Work on Speech Recognition", DigestText.Abstract("speech recognition")))));

        var response = await Search(store, "zeolite");

        Assert.Equal(["Zeolite Catalysis with Graph Networks", "Scaling Laws for Language Model Pretraining"], response.Results.Select(r => r.Title));
        Assert.True(response.Results[0].Score > response.Results[1].Score);
        Assert.Equal(SearchMode.Bm25, response.Mode);
    }

    [Fact]
    public async Task Search_DateRangeFilter_KeepsOnlyPapersListedInRange()
    {
        using var store = ThreeDays();

        var inRange = await Search(store, "quantum", new SearchFilters(Since: new DateOnly(2024, 5, 4), Until: new DateOnly(2024, 5, 6)));
        var since = await Search(store, "quantum", new SearchFilters(Since: new DateOnly(2024, 5, 5)));
        var until = await Search(store, "quantum", new SearchFilters(Until: new DateOnly(2024, 5, 5)));

        Assert.Equal(["Quantum Error Correction Day Two"], inRange.Results.Select(r => r.Title));
        Assert.Equal(["Quantum Error Correction Day Three", "Quantum Error Correction Day Two"], since.Results.Select(r => r.Title).Order());
        Assert.Equal(["Quantum Error Correction Day One", "Quantum Error Correction Day Two"], until.Results.Select(r => r.Title).Order());
    }

    [Fact]
    public async Task Search_DigestFilter_AcceptsDigestIdOrSourceName()
    {
        using var store = ThreeDays();
        var dayTwo = store.Get<Bot.Store.PaperStore>().ListDigests().Single(d => d.Source == "day2.txt");

        var byId = await Search(store, "quantum", new SearchFilters(DigestId: dayTwo.Id));
        var bySource = await Search(store, "quantum", new SearchFilters(DigestId: "day3.txt"));
        var unknown = await Search(store, "quantum", new SearchFilters(DigestId: "no-such-digest"));

        Assert.Equal(["Quantum Error Correction Day Two"], byId.Results.Select(r => r.Title));
        Assert.Equal(["Quantum Error Correction Day Three"], bySource.Results.Select(r => r.Title));
        Assert.Empty(unknown.Results);
    }

    [Theory]
    [InlineData("title:foo OR \"")]
    [InlineData("NEAR(")]
    [InlineData("NEAR(quantum error, 2)")]
    [InlineData("*")]
    [InlineData("quant*")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("\"quantum")]
    [InlineData("🤖")]
    [InlineData("quantum 🤖 error")]
    [InlineData("AND OR NOT")]
    [InlineData("-quantum ^error {title}: x")]
    [InlineData("((( ]]] \\ ; DROP TABLE papers; --")]
    [InlineData("qu\u0000antum")]
    public async Task Search_HostileQueryText_NeverThrows(string query)
    {
        using var store = ThreeDays();

        var response = await Search(store, query);

        Assert.NotNull(response.Results);
        Assert.Equal(3, store.Get<Bot.Store.PaperStore>().Counts().Papers);
    }

    [Fact]
    public async Task Search_VeryLongQuery_NeverThrows()
    {
        using var store = ThreeDays();

        var response = await Search(store, string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"w{i}")) + " quantum");

        Assert.Equal(3, response.Results.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Search_EmptyQuery_IsUnavailableWithClearMessage(string query)
    {
        using var store = ThreeDays();

        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() => Search(store, query));

        Assert.Contains("the query is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SearchMode.Vector)]
    [InlineData(SearchMode.Hybrid)]
    public async Task Search_VectorModesWithoutModel_AreUnavailableNamingTheSetting(SearchMode mode)
    {
        using var store = ThreeDays();
        var search = store.Get<SearchService>();

        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() =>
            search.SearchAsync(new SearchRequest("quantum", Mode: mode), CancellationToken.None));

        Assert.Contains("Bot:Embeddings:Provider", error.Message, StringComparison.Ordinal);
        Assert.Equal([SearchMode.Bm25], search.AvailableModes());
        Assert.Equal(SearchMode.Bm25, search.DefaultMode);
    }

    private static Task<SearchResponse> Search(TestStore store, string query, SearchFilters? filters = null) =>
        store.Get<SearchService>().SearchAsync(new SearchRequest(query, 10, SearchMode.Bm25, filters), CancellationToken.None);

    private static TestStore ThreeDays()
    {
        var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        string[] days = ["One", "Two", "Three"];
        for (var i = 0; i < days.Length; i++)
        {
            var file = store.WriteFile($"day{i + 1}.txt", DigestText.Build($"2024-05-0{1 + 4 * i}",
                ($"Quantum Error Correction Day {days[i]}", DigestText.Abstract("quantum error correction"))));
            Assert.Empty(ingestor.IngestFile(file).Errors);
        }
        return store;
    }
}
