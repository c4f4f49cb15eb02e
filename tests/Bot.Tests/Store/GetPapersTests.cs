using Bot.Digests;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

public sealed class GetPapersTests
{
    [Fact]
    public void GetPapers_RowIdsInAnyOrder_ReturnsThatOrderWithoutMissingOnes()
    {
        using var store = TestStore.Create();
        store.Get<DigestIngestor>().IngestFile(store.WriteFile("d.txt", DigestText.Build("2024-05-06",
            ("First Paper On Graphs", DigestText.Abstract("graphs")),
            ("Second Paper On Adapters", DigestText.Abstract("adapters")),
            ("Third Paper On Routing", DigestText.Abstract("routing")))));
        var papers = store.Get<PaperStore>();
        var rowIds = new[] { "First Paper On Graphs", "Second Paper On Adapters", "Third Paper On Routing" }
            .Select(t => papers.FindPaper(t)!.RowId).ToArray();

        var got = papers.GetPapers([rowIds[2], 999_999, rowIds[0], rowIds[1]]);

        Assert.Equal(["Third Paper On Routing", "First Paper On Graphs", "Second Paper On Adapters"], got.Select(p => p.Title));
    }
}
