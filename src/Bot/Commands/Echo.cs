using System.Globalization;
using System.Text;

namespace Bot.Commands;

/// <summary>
/// What the user typed, safe to repeat in an error reply: clipped, so hostile text cannot flood it, and
/// with control and format characters (bidi overrides, zero-width marks) shown as <c>?</c>, so they
/// cannot reorder or hide the rest of the message.
/// </summary>
public static class Echo
{
    public const int Length = 40;

    public static string Of(string text) => Of(text, Length);

    /// <param name="length">Most characters kept: longer for a headline that repeats a question.</param>
    public static string Of(string text, int length)
    {
        // A cut must not split a surrogate pair (half an emoji is invalid text).
        var cut = text.Length > length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        var clipped = text.Length <= length ? text : text[..cut] + "…";
        var safe = new StringBuilder(clipped.Length);
        foreach (var c in clipped)
        {
            safe.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format ? '?' : c);
        }
        return safe.ToString();
    }
}
