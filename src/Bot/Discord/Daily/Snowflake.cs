using System.Globalization;

namespace Bot.Discord.Daily;

/// <summary>Discord ids carry their creation time: milliseconds since 2015 in the top 42 bits (Reference: Snowflakes).</summary>
public static class Snowflake
{
    private static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The smallest id created at <paramref name="time"/>, for "after" paging: every later message's id is greater.</summary>
    public static string AtOrBefore(DateTimeOffset time)
    {
        var milliseconds = Math.Max(0L, (long)(time - DiscordEpoch).TotalMilliseconds - 1);
        return ((ulong)milliseconds << 22).ToString(CultureInfo.InvariantCulture);
    }
}
