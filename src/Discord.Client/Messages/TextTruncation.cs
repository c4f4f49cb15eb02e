namespace Bot.Discord.Messages;

/// <summary>
/// Shortens text to a limit counted in UTF-16 code units. Discord counts characters (code points),
/// which are never more than code units, so a text that fits here fits there; a surrogate pair is
/// never cut in half.
/// </summary>
public static class TextTruncation
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The text if it fits, else its start cut at a word boundary (when one lies in the second half)
    /// followed by an ellipsis, all within <paramref name="limit"/>.
    /// </summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        if (limit < Ellipsis.Length)
        {
            return "";
        }
        var budget = limit - Ellipsis.Length;
        var cut = SafeCut(text, budget);
        var space = LastWhitespaceAtOrBefore(text, cut);
        if (space >= budget / 2)
        {
            cut = space;
        }
        var kept = text[..cut].TrimEnd();
        return kept.Length == 0 ? Ellipsis : kept + Ellipsis;
    }

    /// <summary>The largest index ≤ <paramref name="index"/> that does not fall between the halves of a surrogate pair.</summary>
    public static int SafeCut(string text, int index)
    {
        if (index >= text.Length)
        {
            return text.Length;
        }
        return index > 0 && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]) ? index - 1 : index;
    }

    /// <summary>Index of the last whitespace at or before <paramref name="index"/> (a cut there drops the space), or -1.</summary>
    internal static int LastWhitespaceAtOrBefore(string text, int index)
    {
        for (var i = Math.Min(index, text.Length - 1); i >= 0; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
