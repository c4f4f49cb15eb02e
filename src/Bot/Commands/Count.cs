using System.Globalization;

namespace Bot.Commands;

/// <summary>A number with its noun, singular for one ("1 paper", "12 papers", "1,024 papers").</summary>
public static class Count
{
    public static string Of(long count, string noun, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : plural ?? noun + "s");
}
