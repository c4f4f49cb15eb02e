using System.Text;
using Bot.Digests;
using Bot.Recommendations.Daily;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

/// <summary>
/// Issue 14, item 3: a file read before it was complete stored part of a digest; the complete file,
/// arriving later, extends that digest (same date, its papers and more) instead of becoming a second
/// digest of the day. A part arriving after the whole changes nothing.
/// </summary>
public sealed class FullerCopyTests
{
    private static readonly DateTimeOffset Arrived = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly (string Title, string Abstract)[] Papers =
    [
        .. Enumerable.Range(1, 5).Select(i => ($"Slowly Written Paper Number {i}", DigestText.Abstract($"slow writing {i}"))),
    ];

    private static byte[] Digest(params (string Title, string Abstract)[] papers) => Encoding.UTF8.GetBytes(DigestText.Build("May 6", papers));

    [Fact]
    public void Ingest_FullerCopyOfStoredDigest_ExtendsItInsteadOfAddingAnother()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        var ledger = store.Get<DailyPostLedger>();
        ingestor.IngestContent(Digest(Papers[..4]), "daily.txt", Arrived);
        var before = store.Get<PaperStore>().ListDigests().Single();
        var mark = ledger.DigestMark();

        var full = ingestor.IngestContent(Digest(Papers), "daily.txt", Arrived.AddSeconds(10));

        var after = store.Get<PaperStore>().ListDigests().Single();
        Assert.Empty(full.Errors);
        Assert.Equal((1, 1, 4), (full.Digests, full.PapersNew, full.PapersExisting));
        Assert.Contains(full.Warnings, w => w.Contains($"a fuller copy of digest {before.ShortId}", StringComparison.Ordinal));
        Assert.Equal((before.Id, before.ShortId, 5), (after.Id, after.ShortId, after.PaperCount));
        Assert.Equal(5, store.Get<PaperStore>().DigestPaperRowIds(after.Id).Count);
        Assert.Equal(Papers.Select(p => p.Title), store.Get<PaperStore>().GetPapers(store.Get<PaperStore>().DigestPaperRowIds(after.Id)).Select(p => p.Title));
        // The extended digest counts as committed now, so the daily picks see its new paper as new.
        Assert.Contains(store.Get<PaperStore>().FindPaper(Papers[4].Title)!.RowId, ledger.PapersArrivedAfter(mark));
        StoreProbe.AssertIntact(store.DatabasePath);
    }

    [Fact]
    public void Ingest_FullerCopyOfADigestCutInsideAnAbstract_CompletesTheAbstract()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        var cut = Papers[2].Abstract[..(Papers[2].Abstract.IndexOf("benchmarks.", StringComparison.Ordinal) + "benchmarks.".Length)];
        ingestor.IngestContent(Digest([.. Papers[..2], (Papers[2].Title, cut)]), "daily.txt", Arrived);

        var full = ingestor.IngestContent(Digest(Papers), "daily.txt", Arrived.AddSeconds(10));

        Assert.Equal((1, 0), (full.Digests, full.DigestsExisting));
        Assert.Single(store.Get<PaperStore>().ListDigests());
        Assert.Equal(Papers[2].Abstract, store.Get<PaperStore>().FindPaper(Papers[2].Title)!.Abstract);
    }

    [Fact]
    public void Ingest_PartOfAStoredDigestArrivingAfterIt_ChangesNothing()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Digest(Papers), "daily.txt", Arrived);
        var before = StoreProbe.Take(store.DatabasePath);

        var part = ingestor.IngestContent(Digest(Papers[..3]), "daily (copy).txt", Arrived.AddSeconds(10));

        Assert.Equal((0, 1), (part.Digests, part.DigestsExisting));
        Assert.Equal(before, StoreProbe.Take(store.DatabasePath));
    }

    [Fact]
    public void Ingest_SameDayDigestSharingSomePapers_IsADigestOfItsOwn()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Digest(Papers[..3]), "morning.txt", Arrived);

        var evening = ingestor.IngestContent(Digest([.. Papers[2..], ("An Evening Paper", DigestText.Abstract("evenings"))]), "evening.txt", Arrived);

        Assert.Equal(1, evening.Digests);
        Assert.Equal([3, 4], store.Get<PaperStore>().ListDigests().Select(d => d.PaperCount).Order());
    }

    [Fact]
    public void Ingest_FullerCopyOfAnotherDaysDigest_IsADigestOfItsOwn()
    {
        using var store = TestStore.Create();
        var ingestor = store.Get<DigestIngestor>();
        ingestor.IngestContent(Encoding.UTF8.GetBytes(DigestText.Build("May 5", Papers[..2])), "may5.txt", Arrived);

        var next = ingestor.IngestContent(Digest(Papers), "may6.txt", Arrived);

        Assert.Equal((1, 0), (next.Digests, next.DigestsExisting));
        Assert.Equal(2, store.Get<PaperStore>().ListDigests().Count);
    }
}
