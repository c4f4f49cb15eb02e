namespace Bot.Recommendations;

/// <summary>One recommended paper, with why it was picked (names the interest or liked paper it is closest to).</summary>
public sealed record Pick(long PaperRowId, string PaperId, string Title, string Abstract, DateOnly FirstSeen, string? Link, double Score, string Reason);
