using Bot.Store;

namespace Bot.Commands;

/// <summary>
/// A digest filter naming no stored digest: one check, and one list of what is stored (newest first),
/// for the CLI's <c>--digest</c> and the console's <c>digest:</c> alike; nothing else lists the digests.
/// </summary>
public static class StoredDigests
{
    private const int Listed = 10;

    /// <summary>
    /// The stored digest a user means: its id or source file name, or a day (<c>2025-05-06</c>: that day's
    /// newest digest); null when nothing stored matches.
    /// </summary>
    public static string? Resolve(PaperStore store, string name)
    {
        var trimmed = name.Trim();
        if (DateOnly.TryParseExact(trimmed, DateOption.Format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return store.ListDigests().FirstOrDefault(d => d.Date == day)?.Id;
        }
        return store.DigestPaperRowIds(trimmed).Count > 0 ? trimmed : null;
    }

    /// <returns>Null when <paramref name="name"/> is a stored digest's id or source file name; else "stored: …" to follow the error.</returns>
    public static string? UnlessKnown(PaperStore store, string name)
    {
        if (store.DigestPaperRowIds(name.Trim()).Count > 0)
        {
            return null;
        }
        var known = store.ListDigests().Select(d => $"{d.Id} ({d.Date:yyyy-MM-dd})").ToList();
        return known.Count == 0
            ? "no digest is stored yet"
            : "stored: " + string.Join(", ", known.Take(Listed)) + (known.Count > Listed ? $", … ({known.Count} in all)" : "");
    }
}
