using System.Diagnostics;
using System.Text;
using Bot.Digests;
using Bot.Tests.Digests;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Store;

/// <summary>
/// Every ingest path goes through <see cref="DigestIngestor.IngestContent"/>, which gives reading one file a
/// time budget (Bot:Ingest:ParseTimeoutSeconds): past it that file fails with a message naming the setting, and
/// nothing of it is stored.
/// </summary>
public sealed class IngestBudgetTests
{
    private static readonly DateTimeOffset ArrivedAt = new(2026, 5, 10, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A store whose clock's timers fire at once, on their own thread: every file's budget is spent while it is read.</summary>
    private static TestStore WithSpentBudget() =>
        TestStore.Create(services: s => s.AddSingleton<TimeProvider>(new TimersFireAtOnce()));

    [Fact]
    public void IngestContent_LargeTextDigestPastTheBudget_FailsWithTheSettingAndStoresNothing()
    {
        using var store = WithSpentBudget();
        var path = Path.Combine(store.Folder, "large.txt");
        DigestText.WriteLarge(path, 8_000);

        // Read here: with every timer firing at once, reading from disk would hit the read limit
        // (Bot:Ingest:ReadTimeoutSeconds, tested with the inbox) before the parse budget.
        var report = store.Get<DigestIngestor>().IngestContent(File.ReadAllBytes(path), "large.txt", DateTimeOffset.UnixEpoch, path);

        var error = Assert.Single(report.Errors);
        Assert.Contains("large.txt: reading the file took longer than the 15 s a digest may take (Bot:Ingest:ParseTimeoutSeconds); nothing of it was stored", error, StringComparison.Ordinal);
        Assert.Equal((0, 0), (report.Digests, report.PapersNew));
        Assert.Equal(0, store.Get<PaperStore>().PaperCount());
    }

    [Fact]
    public void IngestContent_LargeHtmlDigestPastTheBudget_FailsLikeAFileDoes()
    {
        using var store = WithSpentBudget();
        var papers = SampleDigests.PapersOf(SampleDigests.File000);
        var html = new StringBuilder("<html><body><h1>Daily Papers</h1><p>May 6</p>");
        for (var i = 0; i < 4_000; i++)
        {
            var paper = papers[i % papers.Count];
            html.Append($"<article><h3><a href=\"/papers/2305.{i:D5}\">{System.Net.WebUtility.HtmlEncode(paper.Title)} {i}</a></h3><p>{System.Net.WebUtility.HtmlEncode(paper.Abstract)}</p></article>");
        }

        var report = store.Get<DigestIngestor>().IngestContent(Encoding.UTF8.GetBytes(html.Append("</body></html>").ToString()), "attachment.html", ArrivedAt);

        var error = Assert.Single(report.Errors);
        Assert.Contains("attachment.html: reading the file took longer than the 15 s", error, StringComparison.Ordinal);
        Assert.Equal(0, report.PapersNew);
    }

    [Fact]
    public void IngestContent_SmallDigestWithinTheBudget_IsStored()
    {
        using var store = TestStore.Create(settings: new Dictionary<string, string?> { ["Bot:Ingest:ParseTimeoutSeconds"] = "5" });

        var report = store.Get<DigestIngestor>().IngestContent(
            Encoding.UTF8.GetBytes(DigestText.Build("May 6", ("Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval")))), "d.txt", ArrivedAt);

        Assert.Empty(report.Errors);
        Assert.Equal(1, report.PapersNew);
    }

    [Fact]
    public void IngestContent_ShutdownWhileReading_IsACancellationNotABudgetFailure()
    {
        using var store = TestStore.Create();
        using var shutdown = new CancellationTokenSource();
        shutdown.Cancel();

        var content = Encoding.UTF8.GetBytes(DigestText.Build("May 6", ("Paper on Sparse Retrieval", DigestText.Abstract("sparse retrieval"))));

        Assert.ThrowsAny<OperationCanceledException>(() => _ = store.Get<DigestIngestor>().IngestContent(content, "d.txt", ArrivedAt, cancellationToken: shutdown.Token));
    }

    [Fact]
    public void Parse_TitleFollowedByAHundredThousandParagraphs_AnsweredWithinSeconds()
    {
        // Each paragraph after the first joins the abstract before it; joined by repeated concatenation
        // that copied the growing abstract every time.
        var text = new StringBuilder("Daily Papers\n\nMay 6\n\nA Paper on Sparse Retrieval\n\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("We study sparse retrieval at scale. It works well here.\n\n");
        }
        var watch = Stopwatch.StartNew();

        var outcome = Record.Exception(() => DigestParser.Parse(Encoding.UTF8.GetBytes(text.ToString()), "long.txt", DateOnly.FromDateTime(ArrivedAt.Date)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(outcome is null or DigestFormatException, outcome?.ToString());
    }

    private sealed class TimersFireAtOnce : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Its own thread, not the pool's: a test that blocks pool threads must not delay it.
            new Thread(() => callback(state)) { IsBackground = true }.Start();
            return new Spent();
        }

        private sealed class Spent : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
