using System.Globalization;

namespace Bot.Commands;

/// <summary>
/// A date typed as a command option (<c>/search since:</c>, the console's <c>since:</c>, the CLI's
/// <c>--since</c> and <c>--until</c>): ISO <c>yyyy-MM-dd</c>, parsed in one place with one error message
/// for every front end. What the user typed is echoed safely (<see cref="Echo"/>).
/// </summary>
public static class DateOption
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>Parses <paramref name="text"/>; null text is "not given" and succeeds with a null date.</summary>
    /// <param name="option">The option's name as the user sees it (<c>since</c>, <c>--until</c>), for the message.</param>
    public static bool TryParse(string option, string? text, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (text is null)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        error = $"{option} must be a date like 2024-05-06, not \"{Echo.Of(text)}\".";
        return false;
    }
}
