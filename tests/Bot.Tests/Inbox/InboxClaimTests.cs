using Bot.Inbox;

namespace Bot.Tests.Inbox;

/// <summary>
/// Issue 14, item 2: two <c>serve</c> instances on one inbox ingest each file once. A file is claimed
/// by a rename into the instance's own folder; the files of an instance that is gone return to the
/// inbox, and a live instance's are left alone.
/// </summary>
public sealed class InboxClaimTests : IDisposable
{
    private readonly InboxHarness _inbox = new();

    private string Inbox => _inbox.Inbox;

    [Fact]
    public async Task Poll_TwoInstancesOnOneInbox_IngestEachFileOnce()
    {
        var second = _inbox.NewWatcher();
        const int files = 40;
        for (var i = 0; i < files; i++)
        {
            _inbox.Drop($"digest-{i:D2}.txt", InboxHarness.GoodDigest($"Concurrent Paper Number {i}"));
        }
        await Task.WhenAll(_inbox.PollAsync(), _inbox.PollAsync(second));
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(_inbox.SettleSeconds));

        await Task.WhenAll(Task.Run(() => _inbox.PollAsync()), Task.Run(() => _inbox.PollAsync(second)));

        Assert.Equal(files, _inbox.Papers.Counts().Digests);
        Assert.Equal(files, _inbox.FilesIn("processed").Length);
        Assert.Empty(_inbox.FilesIn("failed"));
        Assert.Empty(_inbox.Claimed());
        Assert.Empty(Directory.GetFiles(Inbox));
    }

    [Fact]
    public async Task Poll_TwoInstancesOnOneInbox_SameDigestUnderTwoNamesIsStoredOnceAndBothFilesProcessed()
    {
        var second = _inbox.NewWatcher();
        var content = InboxHarness.GoodDigest("Duplicated Paper");
        _inbox.Drop("copy-1.txt", content);
        _inbox.Drop("copy-2.txt", content);
        await Task.WhenAll(_inbox.PollAsync(), _inbox.PollAsync(second));
        _inbox.Store.Clock.Advance(TimeSpan.FromSeconds(_inbox.SettleSeconds));

        await Task.WhenAll(Task.Run(() => _inbox.PollAsync(second)), Task.Run(() => _inbox.PollAsync()));

        Assert.Equal(1, _inbox.Papers.Counts().Digests);
        Assert.Equal(["copy-1.txt", "copy-2.txt"], _inbox.FilesIn("processed"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Poll_ClaimsOfAnInstanceThatIsGone_ReturnToTheInboxAndAreIngested(bool lockFileLeftBehind)
    {
        var dead = Path.Combine(Inbox, InboxClaims.FolderName, "crashed-host-1234-0");
        Directory.CreateDirectory(dead);
        await File.WriteAllTextAsync(Path.Combine(dead, "orphan.txt"), InboxHarness.GoodDigest("Paper of a Crashed Instance"));
        if (lockFileLeftBehind)
        {
            await File.WriteAllTextAsync(dead + ".owner", "");
        }

        await _inbox.SettleAndPollAsync();
        await _inbox.SettleAndPollAsync();

        Assert.False(Directory.Exists(dead));
        Assert.False(File.Exists(dead + ".owner"));
        Assert.Equal(["orphan.txt"], _inbox.FilesIn("processed"));
        Assert.Equal(1, _inbox.Papers.Counts().Digests);
    }

    [Fact]
    public async Task Poll_ClaimsOfALiveInstance_AreLeftAlone()
    {
        using var live = new InboxClaims(Inbox, "live-instance", _inbox.Store.Clock);
        var held = Path.Combine(live.Folder, "held.txt");
        await File.WriteAllTextAsync(held, InboxHarness.GoodDigest("Paper Another Instance Is Reading"));

        await _inbox.SettleAndPollAsync();

        Assert.True(File.Exists(held));
        Assert.Equal(0, _inbox.Papers.Counts().Digests);
    }

    [Fact]
    public async Task Stop_FilesStillClaimed_GoBackToTheInbox()
    {
        await File.WriteAllTextAsync(Path.Combine(Inbox, "processed"), "a file where the folder should be");
        _inbox.Drop("stored.txt", InboxHarness.GoodDigest("Paper That Could Not Move On"));
        var watcher = _inbox.NewWatcher();
        await _inbox.SettleAndPollAsync(watcher);
        var claimedWhileRunning = _inbox.Claimed();

        watcher.Dispose();

        Assert.Equal(["stored.txt"], claimedWhileRunning);
        Assert.Empty(_inbox.Claimed());
        Assert.True(File.Exists(Path.Combine(Inbox, "stored.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Inbox, InboxClaims.FolderName)));
    }

    public void Dispose() => _inbox.Dispose();
}
