using System.ComponentModel.DataAnnotations;

namespace Bot.Recommendations.Daily;

/// <summary>Daily posts and the community digest, bound from <c>Bot:Recommendations:Daily</c>.</summary>
public sealed class DailyOptions
{
    public const string Section = "Bot:Recommendations:Daily";

    /// <summary>Whether <c>serve</c> runs the scheduler at all (subscriptions are kept either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for posts that have come due; a post goes out at most this late.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;

    /// <summary>
    /// How long a claimed post may go without progress (the claim is renewed as each message is
    /// recorded) before another instance takes it over: it first asks the destination whether the next
    /// message arrived, and sends only the missing ones. Longer than any one message's send with its
    /// rate-limit waits and retries. A restarted instance resumes its own claims at once (<see cref="DailyInstance"/>).
    /// </summary>
    [Range(1, 1440)]
    public int ClaimLeaseMinutes { get; set; } = 15;

    /// <summary>How many times a post is tried before it is given up for that day.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Due days in a row on which the destination refused access (missing permissions) before the
    /// subscription or community digest pauses; a deleted channel or closed DMs pause at once.
    /// </summary>
    [Range(1, 30)]
    public int RefusalsBeforePause { get; set; } = 3;

    /// <summary>
    /// Days the ledger keeps each post (with its papers) after it is finished; older ones are deleted
    /// once a day, except each target's newest. Longer than <see cref="RefusalsBeforePause"/>.
    /// </summary>
    [Range(31, 3650)]
    public int KeepPostsDays { get; set; } = 90;

    /// <summary>For a first post, papers from digests that arrived this many days before the subscription count as new.</summary>
    [Range(0, 60)]
    public int FirstPostLookbackDays { get; set; } = 2;

    /// <summary>The time <c>/subscribe</c> uses when none is given (HH:mm, the subscriber's time zone).</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$", ErrorMessage = "Bot:Recommendations:Daily:DefaultTime must be HH:mm")]
    public string DefaultTime { get; set; } = "08:00";

    /// <summary>The IANA time zone <c>/subscribe</c> and <c>/digest-channel</c> use when none is given.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>How many picks a subscription gets when <c>/subscribe</c> names no count.</summary>
    [Range(1, 10)]
    public int DefaultCount { get; set; } = 5;

    /// <summary>How many papers the community digest lists.</summary>
    [Range(1, 10)]
    public int CommunityCount { get; set; } = 5;
}
