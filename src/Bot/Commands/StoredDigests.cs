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
    /// The stored digest a user means: its id, short id or a unique prefix of its id, its source file
    /// name, or a day (<c>2025-05-06</c>: that day's newest digest); null when nothing stored matches.
    /// Returns the digest's full id.
    /// </summary>
    public static string? Resolve(PaperStore store, string name)
    {
        var trimmed = name.Trim();
        if (DateOnly.TryParseExact(trimmed, DateOption.Format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return store.ListDigests().FirstOrDefault(d => d.Date == day)?.Id;
        }
        return store.FindDigest(trimmed).Id;
    }

    /// <returns>Null when <paramref name="name"/> names a stored digest; else "stored: …" (or the digests an ambiguous prefix fits) to follow the error.</returns>
    public static string? UnlessKnown(PaperStore store, string name)
    {
        if (Resolve(store, name) is not null)
        {
            return null;
        }
        var lookup = store.FindDigest(name);
        if (lookup.Candidates.Count > 1)
        {
            return $"it is the start of more than one: {string.Join(", ", lookup.Candidates.Take(Listed))}{(lookup.Candidates.Count > Listed ? ", …" : "")}; give more of the id";
        }
        var known = store.ListDigests().Select(d => $"{d.ShortId} ({d.Date:yyyy-MM-dd})").ToList();
        return known.Count == 0
            ? "no digest is stored yet"
            : "stored: " + string.Join(", ", known.Take(Listed)) + (known.Count > Listed ? $", … ({known.Count} in all)" : "");
    }
}
