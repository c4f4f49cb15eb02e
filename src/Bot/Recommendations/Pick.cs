namespace Bot.Recommendations;

/// <summary>One recommended paper, with why it was picked: the interest whose words it shares, the liked or saved paper it is closest to, or plainly that the match is loose.</summary>
public sealed record Pick(long PaperRowId, string PaperId, string Title, string Abstract, DateOnly FirstSeen, string? Link, double Score, string Reason)
{
    /// <summary>False when the paper was first listed in a digest that named no date: <see cref="FirstSeen"/> is the day it arrived.</summary>
    public bool FirstSeenKnown { get; init; } = true;
}
