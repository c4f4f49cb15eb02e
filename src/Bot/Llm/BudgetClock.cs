namespace Bot.Llm;

/// <summary>The budget day: the calendar date in the configured time zone (UTC by default).</summary>
public sealed class BudgetClock(TimeProvider clock, TimeZoneInfo zone)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    /// <summary>When the current budget day ends, in UTC.</summary>
    public DateTimeOffset NextReset
    {
        get
        {
            var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
            var midnight = local.Date.AddDays(1);
            return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
        }
    }

    /// <summary>The configured budget zone; an empty setting means UTC.</summary>
    public static TimeZoneInfo? TryFindZone(string? id) => string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneIds.Find(id);
}
