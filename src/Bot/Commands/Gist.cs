namespace Bot.Commands;

/// <summary>A one-line gist of an abstract for result lists: its first sentence, cut at a word boundary.</summary>
public static class Gist
{
    public static string Of(string text, int maxLength = 160)
    {
        var trimmed = text.ReplaceLineEndings(" ").Trim();
        var end = trimmed.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? trimmed[..(end + 1)] : trimmed;
        if (sentence.Length <= maxLength)
        {
            return sentence;
        }
        return Answers.Excerpt.Head(sentence, maxLength);
    }
}
