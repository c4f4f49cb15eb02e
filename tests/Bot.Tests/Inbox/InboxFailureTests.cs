using System.Diagnostics;
using Bot.Digests;
using Bot.Tests.Support;

namespace Bot.Tests.Inbox;

/// <summary>
/// Issue 14, items 2 and 4: whatever goes wrong with one file (a folder that cannot be written, a
/// store that refuses, a FIFO or device where a digest should be) is logged, the file is left or moved
/// to <c>failed/</c> with its reason, and the watcher goes on with the next file.
/// </summary>
public sealed class InboxFailureTests : IDisposable
{
    private static readonly TimeSpan NoBlocking = TimeSpan.FromSeconds(20);

    private readonly InboxHarness _inbox = new();

    private string Inbox => _inbox.Inbox;

    [Fact]
    public async Task Poll_ProcessedFolderCannotBeCreated_StoresTheDigestsAndGoesOn()
    {
        await File.WriteAllTextAsync(Path.Combine(Inbox, "processed"), "a file where the folder should be");
        _inbox.Drop("a.txt", InboxHarness.GoodDigest("First Paper Despite the Folder"));
        _inbox.Drop("b.txt", InboxHarness.GoodDigest("Second Paper Despite the Folder"));

        await _inbox.SettleAndPollAsync();
        await _inbox.PollAsync();

        Assert.Equal(2, _inbox.Papers.Counts().Digests);
        // Stored, but not movable: they wait in the claim folder, not in the inbox to be read again.
        Assert.Equal(["a.txt", "b.txt"], _inbox.Claimed());
        Assert.Equal(["processed"], Directory.GetFiles(Inbox).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Poll_FailedFolderCannotBeCreated_LeavesTheBadFileAndStillStoresTheGoodOne()
    {
        await File.WriteAllTextAsync(Path.Combine(Inbox, "failed"), "a file where the folder should be");
        _inbox.Drop("a-bad.txt", "Only a sentence of prose, which is no digest.");
        _inbox.Drop("b-good.txt", InboxHarness.GoodDigest("Good Paper Next to a Bad One"));

        await _inbox.SettleAndPollAsync();

        Assert.Equal(1, _inbox.Papers.Counts().Digests);
        Assert.Equal(["b-good.txt"], _inbox.FilesIn("processed"));
        Assert.Equal(["a-bad.txt"], _inbox.Claimed());
    }

    [Fact]
    public async Task Poll_StoreRefusesEveryFile_EachGoesToFailedWithTheReason()
    {
        using (var connection = StoreProbe.OpenCreate(_inbox.Store.DatabasePath))
        {
            StoreProbe.Execute(connection, "PRAGMA user_version = 999;");
        }
        _inbox.Drop("a.txt", InboxHarness.GoodDigest("Paper the Store Cannot Take"));
        _inbox.Drop("b.txt", InboxHarness.GoodDigest("Another Paper the Store Cannot Take"));

        await _inbox.SettleAndPollAsync();

        Assert.Equal(["a.txt", "a.txt.error.txt", "b.txt", "b.txt.error.txt"], _inbox.FilesIn("failed"));
        Assert.Contains("newer than this build knows", await File.ReadAllTextAsync(Path.Combine(Inbox, "failed", "b.txt.error.txt")), StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task Poll_FifoInTheInbox_GoesToFailedUnreadWithoutBlocking()
    {
        MakeFifo(Path.Combine(Inbox, "pipe.txt"));
        _inbox.Drop("z-good.txt", InboxHarness.GoodDigest("Paper Behind a Pipe"));

        await _inbox.SettleAndPollAsync().WaitAsync(NoBlocking);

        Assert.Equal(["pipe.txt", "pipe.txt.error.txt"], _inbox.FilesIn("failed"));
        Assert.Contains("not a regular file", await File.ReadAllTextAsync(Path.Combine(Inbox, "failed", "pipe.txt.error.txt")), StringComparison.Ordinal);
        Assert.Equal(["z-good.txt"], _inbox.FilesIn("processed"));
    }

    [LinuxFact]
    public async Task Poll_LinkToADevice_GoesToFailedWithoutBlocking()
    {
        File.CreateSymbolicLink(Path.Combine(Inbox, "zero.txt"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(Inbox, "input.txt"), "/dev/stdin");

        await _inbox.SettleAndPollAsync().WaitAsync(NoBlocking);

        Assert.Equal(["input.txt", "input.txt.error.txt", "zero.txt", "zero.txt.error.txt"], _inbox.FilesIn("failed"));
    }

    [Fact]
    public async Task Poll_EmptyFile_GoesToFailedSayingSo()
    {
        _inbox.Drop("empty.txt", "");

        await _inbox.SettleAndPollAsync();

        Assert.Contains("the file is empty", await File.ReadAllTextAsync(Path.Combine(Inbox, "failed", "empty.txt.error.txt")), StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task IngestPaths_FifoNamedOnTheCommandLine_IsRefusedWithoutBlocking()
    {
        var fifo = Path.Combine(_inbox.Store.Folder, "pipe.txt");
        MakeFifo(fifo);

        var report = await _inbox.Store.Get<DigestIngestor>().IngestPathsAsync([fifo], CancellationToken.None).WaitAsync(NoBlocking);

        Assert.Contains("not a regular file", Assert.Single(report.Errors), StringComparison.Ordinal);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    public void Dispose() => _inbox.Dispose();
}
