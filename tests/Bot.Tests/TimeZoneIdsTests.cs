using Bot.Llm;

namespace Bot.Tests;

public sealed class TimeZoneIdsTests
{
    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("  America/New_York ", "America/New_York")]
    [InlineData("UTC", "UTC")]
    [InlineData("utc", "UTC")]
    public void Find_KnownIdTrimmedOrInAnyCaseForUtc_FindsTheZone(string typed, string expected) =>
        Assert.Equal(expected, TimeZoneIds.Find(typed)!.Id);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("US")]
    [InlineData("Europe")]
    [InlineData("America")]
    public void Find_EmptyOrUnknown_IsNull(string? typed) => Assert.Null(TimeZoneIds.Find(typed));

    [Fact]
    public void Find_OverlongId_IsRefusedWithoutALookup() => Assert.Null(TimeZoneIds.Find("Europe/" + new string('x', 80)));

    [Fact]
    public void BudgetZone_EmptySetting_IsUtcAndAnUnknownOneIsRefused()
    {
        Assert.Equal(TimeZoneInfo.Utc, BudgetClock.TryFindZone(""));
        Assert.Null(BudgetClock.TryFindZone("Nowhere/Special"));
        Assert.Equal("Asia/Tokyo", BudgetClock.TryFindZone("Asia/Tokyo")!.Id);
    }
}
