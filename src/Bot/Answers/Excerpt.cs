namespace Bot.Answers;

/// <summary>Bounded pieces of long text, for what is shown rather than stored.</summary>
public static class Excerpt
{
    /// <summary>The text's start, cut at a word boundary with "…" when it is longer than <paramref name="maxLength"/>.</summary>
    public static string Head(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxLength - 1);
        var end = cut > maxLength / 2 ? cut : maxLength - 1;
        // Never between the halves of a surrogate pair.
        end -= end > 0 && char.IsHighSurrogate(text[end - 1]) ? 1 : 0;
        return text[..end].TrimEnd(',', ';', ':') + "…";
    }
}
