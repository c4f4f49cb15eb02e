namespace Bot.Digests;

/// <summary>A link an abstract mentions: a code repository, a project page, a video.</summary>
public sealed record PaperLink(string Url, string Kind);

/// <summary>One paper as a digest lists it. Title and abstract keep their original text for display.</summary>
public sealed record DigestPaper(int Position, string Title, string Abstract, IReadOnlyList<PaperLink> Links)
{
    public string TitleKey { get; } = Digests.TitleKey.From(Title);
}

/// <summary>A whole digest after parsing: where it came from, the day it covers, its papers in order.</summary>
public sealed record ParsedDigest(
    string SourceName,
    string Format,
    DateOnly Date,
    bool DateFromHeader,
    IReadOnlyList<DigestPaper> Papers,
    IReadOnlyList<string> Warnings);
