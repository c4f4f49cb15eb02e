using Bot.Recommendations.Daily;

namespace Bot.Tests.Recommendations.Daily;

public sealed class DaylightSavingTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneIds.Find(id)!;

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // 2024-03-10, New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist; 03:00 EDT is 07:00 UTC.
    [InlineData("America/New_York", 2024, 3, 10, 7, 0)]
    // 2024-03-31, Berlin: 02:00 CET jumps to 03:00 CEST; 03:00 CEST is 01:00 UTC.
    [InlineData("Europe/Berlin", 2024, 3, 31, 1, 0)]
    public void DueAt_TimeSkippedBySpringForward_IsTheFirstInstantAfterTheGap(string zone, int year, int month, int day, int hour, int minute)
    {
        Assert.Equal(Utc(year, month, day, hour, minute), LocalSchedule.DueAt(new DateOnly(year, month, day), new TimeOnly(2, 30), Zone(zone)));
    }

    [Theory]
    // 2024-11-03, New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST); the first counts.
    [InlineData("America/New_York", 2024, 11, 3, 1, 5, 30)]
    // 2024-10-27, Berlin: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    [InlineData("Europe/Berlin", 2024, 10, 27, 2, 0, 30)]
    public void DueAt_TimeRepeatedByFallBack_IsTheFirstOccurrence(string zone, int year, int month, int day, int localHour, int utcHour, int minute)
    {
        Assert.Equal(Utc(year, month, day, utcHour, minute), LocalSchedule.DueAt(new DateOnly(year, month, day), new TimeOnly(localHour, 30), Zone(zone)));
    }

    [Fact]
    public void DueAt_AroundTheChange_KeepsTheLocalTime()
    {
        var berlin = Zone("Europe/Berlin");
        Assert.Equal(Utc(2024, 3, 30, 7, 0), LocalSchedule.DueAt(new DateOnly(2024, 3, 30), new TimeOnly(8, 0), berlin));
        Assert.Equal(Utc(2024, 3, 31, 6, 0), LocalSchedule.DueAt(new DateOnly(2024, 3, 31), new TimeOnly(8, 0), berlin));
    }

    [Theory]
    [InlineData("America/New_York", 2024, 3, 10, 7)]
    [InlineData("Europe/Berlin", 2024, 3, 31, 1)]
    public async Task RunOnce_SpringForwardDay_PostsOnceAtTheNextValidInstant(string zone, int year, int month, int day, int utcHour)
    {
        var due = Utc(year, month, day, utcHour, 0);
        await using var h = await DailyHarness.StartAsync(due.AddHours(-12));
        h.Digest("before", "model merging", dateLine: "March 9");
        var channel = h.Subscribe("101", "02:30", zone);
        var scheduler = h.Scheduler();

        h.Clock.SetUtcNow(due.AddMinutes(-1));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(due);
        Assert.Equal(1, await scheduler.RunOnceAsync(CancellationToken.None));
        h.Clock.SetUtcNow(due.AddHours(2));
        Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));

        Assert.Equal(due, Assert.Single(h.Posts(channel)).ReceivedAt);
        Assert.Equal(new DateOnly(year, month, day), Assert.Single(h.Ledger.All("user:101")).LocalDate);
    }

    [Theory]
    [InlineData("America/New_York", "01:30", 2024, 11, 3, 5)]
    [InlineData("Europe/Berlin", "02:30", 2024, 10, 27, 0)]
    public async Task RunOnce_FallBackDay_PostsOnceThoughTheHourRepeats(string zone, string time, int year, int month, int day, int firstUtcHour)
    {
        var first = Utc(year, month, day, firstUtcHour, 30);
        await using var h = await DailyHarness.StartAsync(first.AddHours(-12));
        h.Digest("before", "model merging", dateLine: "October 26");
        var channel = h.Subscribe("101", time, zone);
        var scheduler = h.Scheduler();

        // Poll every ten minutes through both occurrences of the repeated hour and beyond, with new papers arriving.
        for (var at = first.AddMinutes(-30); at <= first.AddHours(3); at = at.AddMinutes(10))
        {
            h.Clock.SetUtcNow(at);
            if (at.Minute == 0)
            {
                h.Digest($"d{at:HHmm}", "model merging", papers: 1, dateLine: "October 27");
            }
            await scheduler.RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(first, Assert.Single(h.Posts(channel)).ReceivedAt);
    }
}
