namespace Bot.Inbox;

/// <summary>
/// The files in a folder that a process has open for writing, read from <c>/proc/PID/fd</c> (where
/// each descriptor links to its file) and <c>/proc/PID/fdinfo</c> (whose <c>flags</c> give the access
/// mode). Linux only, and only the processes this user may inspect; elsewhere the set is empty and the
/// settle window alone decides. One scan costs a readlink per open descriptor on the machine, so the
/// watcher scans only when some file has otherwise settled.
/// </summary>
internal static class OpenWriters
{
    private const int AccessModeMask = 3; // O_ACCMODE: 0 read-only, 1 write-only, 2 read-write

    public static IReadOnlySet<string> In(string folder)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return found;
        }
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        foreach (var process in Entries("/proc", directories: true))
        {
            if (!Path.GetFileName(process).All(char.IsAsciiDigit))
            {
                continue;
            }
            foreach (var descriptor in Entries(Path.Combine(process, "fd"), directories: false))
            {
                var target = LinkTarget(descriptor);
                if (target is not null && target.StartsWith(prefix, StringComparison.Ordinal)
                    && OpenForWriting(Path.Combine(process, "fdinfo", Path.GetFileName(descriptor))))
                {
                    found.Add(target);
                }
            }
        }
        return found;
    }

    /// <summary>A folder's entries; none when it is gone (the process ended) or not ours to read.</summary>
    private static List<string> Entries(string folder, bool directories)
    {
        try
        {
            return directories ? [.. Directory.EnumerateDirectories(folder)] : [.. Directory.EnumerateFileSystemEntries(folder)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? LinkTarget(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool OpenForWriting(string fdinfo)
    {
        try
        {
            foreach (var line in File.ReadLines(fdinfo))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & AccessModeMask) != 0;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
        return false;
    }
}
