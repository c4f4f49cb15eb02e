namespace Bot.Recommendations.Daily;

/// <summary>
/// When a wall-clock time in a time zone happens, day by day, across daylight-saving changes. A time
/// the clocks skip (02:30 on a spring-forward night) happens at the first instant after the gap; a time
/// that happens twice (01:30 on a fall-back night) happens at its first occurrence only. Either way a
/// local day has exactly one due instant, which is what the post ledger keys on.
/// </summary>
public static class LocalSchedule
{
    /// <summary>The UTC instant <paramref name="time"/> happens on <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset DueAt(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk forward to the end of the gap: the first valid minute is the clocks' jump target.
            // Gaps are whole minutes in every zone (most are an hour, Lord Howe's is 30 minutes).
            var probe = local;
            do
            {
                probe = probe.AddMinutes(1);
            }
            while (zone.IsInvalidTime(probe));
            local = new DateTime(probe.Year, probe.Month, probe.Day, probe.Hour, probe.Minute, 0, DateTimeKind.Unspecified);
        }
        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one with the larger offset (still on summer time).
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The latest local day whose due instant is at or before <paramref name="now"/>.</summary>
    public static DateOnly LatestDueDay(DateTimeOffset now, TimeOnly time, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return DueAt(today, time, zone) <= now ? today : today.AddDays(-1);
    }

    /// <summary>The first due instant after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDueAfter(DateTimeOffset now, TimeOnly time, TimeZoneInfo zone)
    {
        var day = LatestDueDay(now, time, zone).AddDays(1);
        var due = DueAt(day, time, zone);
        return due > now ? due : DueAt(day.AddDays(1), time, zone);
    }
}
