using System.Text.RegularExpressions;

namespace Bot.Discord.Messages;

/// <summary>
/// Takes Discord's mention markup (<c>&lt;@id&gt;</c>, <c>&lt;@!id&gt;</c>, <c>&lt;@&amp;role&gt;</c>,
/// <c>&lt;#channel&gt;</c>) out of a question: an id means nothing to retrieval or to a model, and a
/// person's id must not be sent to a language model's host or kept in the store under someone else's
/// question (where forgetting that person could not find it).
/// </summary>
public static partial class MentionText
{
    public static string Strip(string text) => Spaces().Replace(Mention().Replace(text, " "), " ").Trim();

    [GeneratedRegex(@"<(?:@[!&]?|#)\d{1,20}>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
