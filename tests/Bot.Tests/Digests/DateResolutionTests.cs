using System.Text;
using Bot.Digests;

namespace Bot.Tests.Digests;

/// <summary>A header date without a year means the most recent such day not after the file arrived.</summary>
public class DateResolutionTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static DateOnly Resolve(string header, DateOnly arrival) =>
        (DigestHeader.TryParseDate(header) ?? throw new InvalidOperationException($"'{header}' is not a date")).Resolve(arrival);

    [Fact]
    public void Resolve_May6ArrivingMay6_SameDay() => Assert.Equal(D(2026, 5, 6), Resolve("May 6", D(2026, 5, 6)));

    [Fact]
    public void Resolve_May6ArrivingMay5_PreviousYear() => Assert.Equal(D(2025, 5, 6), Resolve("May 6", D(2026, 5, 5)));

    [Fact]
    public void Resolve_Dec31ArrivingJan1_PreviousYear() => Assert.Equal(D(2025, 12, 31), Resolve("Dec 31", D(2026, 1, 1)));

    [Fact]
    public void Resolve_Feb29ArrivingMar2027_LastLeapYear() => Assert.Equal(D(2024, 2, 29), Resolve("Feb 29", D(2027, 3, 1)));

    [Fact]
    public void Resolve_Feb29ArrivingInLeapYear_ThatYear() => Assert.Equal(D(2028, 2, 29), Resolve("Feb 29", D(2028, 3, 1)));

    [Fact]
    public void Resolve_Feb29ArrivingFeb28OfLeapYear_PreviousLeapYear() => Assert.Equal(D(2024, 2, 29), Resolve("Feb 29", D(2028, 2, 28)));

    [Theory]
    [InlineData("May 6, 2024", 2024, 5, 6)]
    [InlineData("May 6 2024", 2024, 5, 6)]
    [InlineData("December 31, 2030", 2030, 12, 31)]
    [InlineData("Feb 29, 2024", 2024, 2, 29)]
    public void Resolve_ExplicitYear_KeptEvenAfterArrival(string header, int year, int month, int day) =>
        Assert.Equal(D(year, month, day), Resolve(header, D(2026, 5, 10)));

    [Theory]
    [InlineData("2024-05-06", 2024, 5, 6)]
    [InlineData("2026-12-31", 2026, 12, 31)]
    public void Resolve_IsoDate_ExactDay(string header, int year, int month, int day) =>
        Assert.Equal(D(year, month, day), Resolve(header, D(2026, 5, 10)));

    [Theory]
    [InlineData("Sept 3", 9, 3)]
    [InlineData("Sept. 3", 9, 3)]
    [InlineData("Sep 3", 9, 3)]
    [InlineData("September 3", 9, 3)]
    [InlineData("March 18", 3, 18)]
    [InlineData("Mar 18", 3, 18)]
    [InlineData("mar 18", 3, 18)]
    [InlineData("Mar 18th", 3, 18)]
    [InlineData("  Mar   18 ", 3, 18)]
    [InlineData("Jan 1", 1, 1)]
    public void TryParseDate_MonthNameVariants_ReadMonthAndDayWithoutYear(string header, int month, int day)
    {
        var date = DigestHeader.TryParseDate(header);

        Assert.Equal(new HeaderDate(month, day, null), date);
    }

    [Theory]
    [InlineData("Sept 3", 2025, 9, 3)]
    [InlineData("March 18", 2026, 3, 18)]
    public void Resolve_NamedMonthsArrivingMay2026_MostRecentNotAfterArrival(string header, int year, int month, int day) =>
        Assert.Equal(D(year, month, day), Resolve(header, D(2026, 5, 10)));

    [Theory]
    [InlineData("")]
    [InlineData("May")]
    [InlineData("May 32")]
    [InlineData("Feb 30")]
    [InlineData("Apr 31")]
    [InlineData("Feb 29, 2023")]
    [InlineData("Mayo 6")]
    [InlineData("Daily Papers")]
    [InlineData("2024-02-30")]
    [InlineData("May 0")]
    [InlineData("May 6, 0000")]
    [InlineData("HARD: Hard Augmentations for Robust Distillation")]
    public void TryParseDate_NotADate_ReturnsNull(string header) => Assert.Null(DigestHeader.TryParseDate(header));

    [Theory]
    [InlineData("May \uFF16")]
    [InlineData("May \u0666")]
    [InlineData("May \u0967\u0968")]
    [InlineData("May 6, \uFF12\uFF10\uFF12\uFF14")]
    public void TryParseDate_NonAsciiDigits_DoesNotThrow(string header)
    {
        var date = DigestHeader.TryParseDate(header);

        Assert.True(date is null || date.Day is >= 1 and <= 31, $"{date}");
    }

    [Fact]
    public void Parse_DigestWithoutDate_UsesArrival()
    {
        var arrival = D(2026, 7, 4);
        var text = SampleDigests.Compose(SampleDigests.StandardHeader, SampleDigests.FirstPapers(SampleDigests.File002, 3));

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(text), "nodate.txt", arrival);

        Assert.False(digest.DateFromHeader);
        Assert.Equal(arrival, digest.Date);
    }

    [Theory]
    [InlineData("Dec 31", 2026, 1, 1, 2025, 12, 31)]
    [InlineData("May 6", 2026, 5, 5, 2025, 5, 6)]
    [InlineData("Feb 29", 2027, 3, 1, 2024, 2, 29)]
    [InlineData("2024-05-06", 2026, 1, 1, 2024, 5, 6)]
    public void Parse_DigestWithHeaderDate_ResolvesAgainstArrival(string header, int ay, int am, int ad, int y, int m, int d)
    {
        var text = SampleDigests.Compose([.. SampleDigests.StandardHeader, header], SampleDigests.FirstPapers(SampleDigests.File000, 3));

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(text), "dated.txt", D(ay, am, ad));

        Assert.True(digest.DateFromHeader);
        Assert.Equal(D(y, m, d), digest.Date);
        Assert.Equal(3, digest.Papers.Count);
    }

    [Fact]
    public void Parse_HeaderWithUnicodeDigitsInDate_DoesNotCrash()
    {
        var text = SampleDigests.Compose([.. SampleDigests.StandardHeader, "May \u0666"], SampleDigests.FirstPapers(SampleDigests.File000, 3));

        var digest = DigestParser.Parse(Encoding.UTF8.GetBytes(text), "arabic-digit.txt", D(2026, 5, 10));

        Assert.NotEmpty(digest.Papers);
    }
}
