using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Digests;

/// <summary>
/// The lines a Daily Papers page or email puts above the papers ("new", "Subscribe", "Daily Papers",
/// "by AK and the research community") and the optional date line ("May 6", "May 6, 2024", "2024-05-06").
/// </summary>
public static partial class DigestHeader
{
    private static readonly HashSet<string> BoilerplateLines = new(StringComparer.OrdinalIgnoreCase)
    {
        "new",
        "get trending papers in your email inbox!",
        "get trending papers in your email inbox",
        "subscribe",
        "daily papers",
        "byak and the research community",
        "by ak and the research community",
        "by ak & the research community",
    };

    public static bool IsBoilerplate(string line) => BoilerplateLines.Contains(Collapse(line));

    /// <summary>A header date: month and day, an optional year. Returns null when the line is not a date.</summary>
    public static HeaderDate? TryParseDate(string line)
    {
        var text = Collapse(line);
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return new HeaderDate(iso.Month, iso.Day, iso.Year);
        }
        var match = MonthDayPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var month = MonthNumber(match.Groups["month"].Value);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
        if (month is null || day is < 1 or > 31 || (month == 2 && day > 29) || (day == 31 && month is 4 or 6 or 9 or 11))
        {
            return null;
        }
        if (year is not null && !IsValid(year.Value, month.Value, day))
        {
            return null;
        }
        return new HeaderDate(month.Value, day, year);
    }

    private static int? MonthNumber(string name)
    {
        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        for (var i = 0; i < 12; i++)
        {
            if (names[i].StartsWith(name[..3], StringComparison.OrdinalIgnoreCase)
                && names[i].StartsWith(name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }
        // "Sept" is a common abbreviation the invariant month names do not spell.
        return name.TrimEnd('.').Equals("sept", StringComparison.OrdinalIgnoreCase) ? 9 : null;
    }

    internal static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month);

    private static string Collapse(string line) => WhitespaceRun().Replace(line.Trim(), " ");

    // [0-9], not \d: \d also matches Arabic-Indic or fullwidth digits, which int.Parse then rejects with a crash.
    [GeneratedRegex(@"^(?<month>[A-Za-z]{3,9}\.?)\s+(?<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>[0-9]{4}))?$")]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}

/// <summary>A date as a digest header states it; the year is often missing.</summary>
public sealed record HeaderDate(int Month, int Day, int? Year)
{
    /// <summary>
    /// The day this header means for a digest that arrived on <paramref name="arrival"/>: the stated year,
    /// or else the most recent such month and day not after the arrival (Feb 29 walks back to a leap year).
    /// </summary>
    public DateOnly Resolve(DateOnly arrival)
    {
        if (Year is { } year)
        {
            return new DateOnly(year, Month, Day);
        }
        for (var candidateYear = arrival.Year; candidateYear > arrival.Year - 8; candidateYear--)
        {
            if (DigestHeader.IsValid(candidateYear, Month, Day))
            {
                var candidate = new DateOnly(candidateYear, Month, Day);
                if (candidate <= arrival)
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException($"No year makes {Month}/{Day} a valid date.");
    }
}
