using Bot.Digests;

namespace Bot.Store;

/// <summary>A paper as the store holds it, with where it appeared and what it links to.</summary>
public sealed record StoredPaper(
    long RowId,
    string Id,
    string Title,
    string Abstract,
    DateOnly FirstSeen,
    DateOnly LastSeen,
    IReadOnlyList<Appearance> Appearances,
    IReadOnlyList<PaperLink> Links)
{
    /// <summary>False when the earliest digest listing the paper named no date: <see cref="FirstSeen"/> is the day it arrived.</summary>
    public bool FirstSeenKnown => Appearances.Count == 0 || Appearances.Any(a => a.Date == FirstSeen && a.DateKnown);

    /// <summary>
    /// When the paper was first listed, said as what it is: the date of the earliest digest that named one, or,
    /// when the earliest listing came in a digest without a date, the day that digest was received.
    /// </summary>
    public string FirstSeenLabel => FirstSeenKnown
        ? $"first seen in the digest of {FirstSeen.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"
        : $"first seen in a digest received {FirstSeen.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} (its date unknown)";
}

/// <summary>One listing of a paper: which digest, which day, which position in it.</summary>
public sealed record Appearance(string DigestId, DateOnly Date, int Position, string Source)
{
    /// <summary>False when the digest named no date and <see cref="Date"/> is the day it arrived.</summary>
    public bool DateKnown { get; init; } = true;

    /// <summary>The digest's day: its date, or "date unknown, received …".</summary>
    public string DayLabel => DigestDay.Label(Date, DateKnown);

    /// <summary>The digest's short id, what to show (see <see cref="PaperStore.FindDigest"/>).</summary>
    public string DigestShortId { get; init; } = DigestId;
}

/// <summary>What storing one digest did.</summary>
public sealed record DigestWriteResult(string DigestId, bool AlreadyStored, int PapersNew, int PapersExisting, IReadOnlyList<long> NewPaperRowIds)
{
    /// <summary>The digest's short id, what to show.</summary>
    public string ShortId { get; init; } = DigestId;

    /// <summary>True when the digest was a fuller copy of one stored before, which it extended rather than adding a second.</summary>
    public bool Extended { get; init; }
}

/// <summary>Counts for <c>status</c>.</summary>
public sealed record StoreCounts(long Papers, long Digests, long Appearances, long Links, long FileBytes, long FullTextIndexBytes, IReadOnlyDictionary<string, long> EmbeddingsByModel);

/// <summary>A digest's summary line.</summary>
public sealed record DigestInfo(string Id, string Source, DateOnly Date, int PaperCount)
{
    /// <summary>What to show and what people type: the shortest unique prefix of <see cref="Id"/> when it was stored.</summary>
    public string ShortId { get; init; } = Id;

    /// <summary>False when the digest named no date and <see cref="Date"/> is the day it arrived.</summary>
    public bool DateKnown { get; init; } = true;

    /// <summary>What to call the digest's day: its date, or "date unknown, received …" when it named none.</summary>
    public string DayLabel => DigestDay.Label(Date, DateKnown);
}

/// <summary>How a digest's day is named wherever it is shown.</summary>
public static class DigestDay
{
    /// <param name="known">False when the digest named no date and <paramref name="date"/> is the day it arrived.</param>
    public static string Label(DateOnly date, bool known) => known
        ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : $"date unknown, received {date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
