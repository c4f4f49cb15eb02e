namespace Bot.Inbox;

/// <summary>
/// Watches each inbox file's size and last write time from poll to poll. A file is settled once
/// neither has changed for the settle window, measured on the injected clock from the poll that first
/// saw them so: a file's own time stamp is not compared with the clock, which a network share or a
/// container volume may not share.
/// </summary>
internal sealed class SettleTracker(TimeProvider clock, TimeSpan window)
{
    private readonly Dictionary<string, Observation> _seen = new(StringComparer.Ordinal);

    private readonly record struct Observation(long Length, DateTime LastWriteUtc, DateTimeOffset Since);

    public bool IsSettled(FileInfo file)
    {
        var now = clock.GetUtcNow();
        if (!_seen.TryGetValue(file.FullName, out var seen) || seen.Length != file.Length || seen.LastWriteUtc != file.LastWriteTimeUtc)
        {
            _seen[file.FullName] = new Observation(file.Length, file.LastWriteTimeUtc, now);
            return window <= TimeSpan.Zero;
        }
        return now - seen.Since >= window;
    }

    /// <summary>Forgets files no longer in the inbox, so the tracker holds only what is there now.</summary>
    public void KeepOnly(IReadOnlySet<string> present)
    {
        foreach (var gone in _seen.Keys.Where(path => !present.Contains(path)).ToList())
        {
            _seen.Remove(gone);
        }
    }
}
