using System.Globalization;

namespace Bot.Store;

/// <summary>
/// How the front-end and per-user tables write an instant: fixed-width UTC ("2026-11-22T08:00:00.0000000Z"),
/// so times compare correctly as text in SQL.
/// </summary>
internal static class StoreTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
