namespace Bot.Digests;

/// <summary>
/// A run of non-blank lines as a reader found it: a paragraph of the text form, or one block element
/// of the HTML form. <paramref name="IsHeading"/> is true when the markup itself says "this is a title".
/// </summary>
public sealed record DigestBlock(IReadOnlyList<string> Lines, bool IsHeading = false, IReadOnlyList<string>? Hrefs = null)
{
    public string Text => LineJoiner.Join(Lines);
}

/// <summary>Joins hard-wrapped lines back into one paragraph, undoing end-of-line hyphenation.</summary>
public static class LineJoiner
{
    public static string Join(IReadOnlyList<string> lines)
    {
        if (lines.Count == 1)
        {
            return lines[0];
        }
        var builder = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (builder.Length > 0)
            {
                // "pre-" + "trained" is one word split by the wrap; anything else gets a space. Wrappers
                // also break after the hyphen of a compound with a capital after it ("Video-" + "LLaVA").
                var hyphenated = builder[^1] == '-' && builder.Length > 1 && char.IsLetter(builder[^2])
                    && line.Length > 0 && char.IsLetter(line[0]);
                if (!hyphenated)
                {
                    builder.Append(' ');
                }
            }
            builder.Append(line);
        }
        return builder.ToString();
    }
}
