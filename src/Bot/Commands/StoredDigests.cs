using Bot.Store;

namespace Bot.Commands;

/// <summary>
/// A digest filter naming no stored digest: one check, and one list of what is stored (newest first),
/// for the CLI's <c>--digest</c> and the console's <c>digest:</c> alike; nothing else lists the digests.
/// </summary>
public static class StoredDigests
{
    private const int Listed = 10;

    /// <returns>Null when <paramref name="name"/> is a stored digest's id or source file name; else "stored: …" to follow the error.</returns>
    public static string? UnlessKnown(PaperStore store, string name)
    {
        if (store.DigestPaperRowIds(name.Trim()).Count > 0)
        {
            return null;
        }
        var known = store.ListDigests().Select(d => d.Id).ToList();
        return known.Count == 0
            ? "no digest is stored yet"
            : "stored: " + string.Join(", ", known.Take(Listed)) + (known.Count > Listed ? $", … ({known.Count} in all)" : "");
    }
}
