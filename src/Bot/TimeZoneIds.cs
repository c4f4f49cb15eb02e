namespace Bot;

/// <summary>
/// Time-zone ids, typed by users (/subscribe, /digest-channel) or set in configuration, looked up one
/// way: trimmed, bounded in length, IANA ids (and the host's own) as the system knows them.
/// </summary>
public static class TimeZoneIds
{
    /// <summary>Longer than any real id; a longer value is refused before it reaches the system lookup.</summary>
    private const int LongestId = 64;

    /// <returns>The zone, or null for an empty, overlong or unknown id (callers choose their default).</returns>
    public static TimeZoneInfo? Find(string? id)
    {
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > LongestId)
        {
            return null;
        }
        if (trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }
        // The Try form: on Linux a folder of the zone database ("US", "Europe") makes the throwing lookup
        // fail with a security exception rather than "not found".
        return TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) ? zone : null;
    }
}
