using System.Text;
using Bot.Store;

namespace Bot.Recommendations.Daily;

/// <summary>
/// This process's name in the ledger's claims. The name lives in a small file beside the store that the
/// process holds open exclusively while it runs: a restarted bot takes the same name back, and since no
/// live process can hold that file, claims under the name made before this start belong to a process that
/// is gone; they are resumed at once instead of after the lease. Another instance running at the same time
/// finds the file held and takes a fresh name of its own, so two live instances never share one. (Every
/// instance of one store runs on one host: SQLite's WAL mode needs that, and there the file lock holds.)
/// </summary>
public sealed class DailyInstance : IDisposable
{
    private readonly FileStream? _held;

    public DailyInstance(SqliteDatabase database, TimeProvider clock)
    {
        StartedAt = clock.GetUtcNow();
        try
        {
            _held = new FileStream(database.FilePath + ".daily-instance", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Held by a live instance (or not writable): a name of our own, which no earlier claim carries.
            Name = NewName();
            return;
        }
        using var reader = new StreamReader(_held, Encoding.UTF8, leaveOpen: true);
        var kept = reader.ReadToEnd().Trim();
        if (kept.Length is > 0 and <= 100 && kept.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.'))
        {
            Name = kept;
        }
        else
        {
            Name = NewName();
            _held.SetLength(0);
            _held.Write(Encoding.UTF8.GetBytes(Name));
            _held.Flush(flushToDisk: true);
        }
        OwnsEarlierClaims = true;
    }

    public string Name { get; }

    /// <summary>When this process took the name: its own claims are never older.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>True when unfinished claims under <see cref="Name"/> from before <see cref="StartedAt"/> are a dead process's.</summary>
    public bool OwnsEarlierClaims { get; }

    public void Dispose() => _held?.Dispose();

    private static string NewName() => $"{Environment.MachineName}:{Guid.NewGuid():N}"[..Math.Min(100, Environment.MachineName.Length + 13)];
}
