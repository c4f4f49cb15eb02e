namespace Bot.Commands;

/// <summary>
/// What a command answers, independent of where it is shown: the console prints it as text, the
/// Discord layer turns it into embeds. Items are the papers or facts listed under the headline.
/// </summary>
public sealed record CommandReply(string Headline, IReadOnlyList<ReplyItem> Items, string? Footer = null, bool IsError = false)
{
    public static CommandReply Error(string message) => new(message, [], IsError: true);

    /// <summary>The number of the first paper listed: a later page of a list goes on counting (papers 11-20).</summary>
    public int FirstNumber { get; init; } = 1;
}

/// <summary>One entry of a reply: a paper (title, gist, date, link) or a line of facts.</summary>
/// <param name="DateKnown">False when <paramref name="Date"/> is the day an undated digest arrived, not a digest's date.</param>
public sealed record ReplyItem(string Title, string Text, string? Id = null, DateOnly? Date = null, string? Link = null, bool DateKnown = true)
{
    /// <summary>How a list shows a paper's date: "first seen 2026-05-06", or "first seen: date unknown, received …".</summary>
    public string? FirstSeenLabel => Date is { } date ? SeenLabel(date, DateKnown) : null;

    public static string SeenLabel(DateOnly date, bool known) =>
        (known ? "first seen " : "first seen: ") + Store.DigestDay.Label(date, known);
}

/// <summary>A step of a reply being written: partial ones are shown and replaced; the final one stays.</summary>
public sealed record AskProgress(CommandReply Reply, bool IsFinal);
