using System.Globalization;

namespace Bot.Inbox;

/// <summary>Moves a file into a folder without ever overwriting what is there.</summary>
internal static class UniqueFileMove
{
    private const int MaxAttempts = 1000;

    /// <summary>
    /// Moves <paramref name="file"/> into <paramref name="folder"/> as <paramref name="name"/>, or, when
    /// that is taken, as <c>name.STAMP.ext</c>, <c>name.STAMP-2.ext</c> and so on. Another instance may
    /// take a name between the check and the move: the move itself refuses to overwrite, and the next
    /// name is tried.
    /// </summary>
    /// <returns>Where the file is now.</returns>
    public static string Into(string file, string folder, string name, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var attempt = 0; ; attempt++)
        {
            var target = Path.Combine(folder, attempt switch
            {
                0 => name,
                1 => $"{stem}.{stamp}{extension}",
                _ => $"{stem}.{stamp}-{attempt}{extension}",
            });
            if (File.Exists(target) || Directory.Exists(target))
            {
                continue;
            }
            try
            {
                File.Move(file, target, overwrite: false);
                return target;
            }
            catch (IOException) when (attempt < MaxAttempts && File.Exists(file) && (File.Exists(target) || Directory.Exists(target)))
            {
                // Taken since the check: try the next name.
            }
        }
    }
}
