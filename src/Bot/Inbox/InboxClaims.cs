namespace Bot.Inbox;

/// <summary>
/// Which instance of <c>serve</c> reads which inbox file. A file is claimed by moving it into this
/// instance's own folder, <c>.claimed/NAME/</c>, before it is read: a rename is atomic, so when two
/// instances race for one file exactly one move succeeds and the other finds the file gone.
/// <para>
/// Each instance holds <c>.claimed/NAME.owner</c> open with <see cref="FileShare.None"/> while it
/// runs, which .NET turns into an exclusive <c>flock</c> on Unix and a share lock on Windows; the
/// operating system drops it when the process ends, however it ends. A folder whose lock can be taken
/// (or that has no lock file, since the lock is taken before the folder is made) belongs to an instance
/// that is gone, and its files go back to the inbox to be read again: a digest is one transaction, so
/// it was either stored whole, and reading it again changes nothing, or not at all. Locks of this kind
/// do not reach across machines on every network file system; run the instances on one machine, or
/// give each its own inbox.
/// </para>
/// </summary>
internal sealed class InboxClaims : IDisposable
{
    public const string FolderName = ".claimed";
    private const string OwnerSuffix = ".owner";

    private readonly string _inbox;
    private readonly TimeProvider _clock;
    private readonly FileStream _owner;

    public InboxClaims(string inbox, string instance, TimeProvider clock)
    {
        _inbox = inbox;
        _clock = clock;
        var root = Path.Combine(inbox, FolderName);
        Directory.CreateDirectory(root);
        // The lock first, then the folder: a folder without a lock file is never a live instance's.
        _owner = new FileStream(Path.Combine(root, instance + OwnerSuffix), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        Folder = Path.Combine(root, instance);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>This instance's folder of claimed files.</summary>
    public string Folder { get; }

    /// <summary>Moves <paramref name="file"/> into this instance's folder; null when another instance took it first.</summary>
    public string? TryClaim(string file)
    {
        var claimed = Path.Combine(Folder, Path.GetFileName(file));
        try
        {
            // overwrite: true is a plain rename(2), atomic; the folder is this instance's alone, so nothing is overwritten.
            File.Move(file, claimed, overwrite: true);
            return claimed;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Puts a claimed file back into the inbox, under a new name if one of its name arrived meanwhile.</summary>
    public string Release(string claimed) => UniqueFileMove.Into(claimed, _inbox, Path.GetFileName(claimed), _clock.GetUtcNow());

    /// <summary>Returns the files of instances that are gone to the inbox; the names of the files returned.</summary>
    public IReadOnlyList<string> RecoverStale()
    {
        var returned = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_inbox, FolderName)))
        {
            if (string.Equals(folder, Folder, StringComparison.Ordinal) || TryLockStale(folder + OwnerSuffix) is not { } stale)
            {
                continue;
            }
            using (stale)
            {
                try
                {
                    foreach (var file in Directory.EnumerateFiles(folder))
                    {
                        returned.Add(Path.GetFileName(Release(file)));
                    }
                    Directory.Delete(folder);
                }
                catch (DirectoryNotFoundException)
                {
                    // Another instance recovered it between our look and our lock.
                }
            }
        }
        return returned;
    }

    /// <summary>The stale folder's lock, now held by this instance; null when its owner still runs.</summary>
    private static FileStream? TryLockStale(string ownerFile)
    {
        try
        {
            return new FileStream(ownerFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Returns what this instance still holds to the inbox (a stop between claim and read, a file that could not be moved on).</summary>
    public void ReleaseAll()
    {
        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder))
            {
                Release(file);
            }
            Directory.Delete(Folder);
        }
    }

    /// <summary>Lets go of the lock (and its file); call <see cref="ReleaseAll"/> first.</summary>
    public void Dispose() => _owner.Dispose();
}
