using System.ComponentModel.DataAnnotations;

namespace Bot.Inbox;

/// <summary>The watched inbox folder and the sample digests, bound from <c>Bot:Inbox</c>.</summary>
public sealed class InboxOptions
{
    public const string Section = "Bot:Inbox";

    /// <summary>Digests dropped here are ingested, then moved to <c>processed/</c> or <c>failed/</c> inside it.</summary>
    [Required]
    public string Path { get; set; } = "data/inbox";

    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// A file is read only once its size and write time have not changed for this long, so a copy still
    /// being written is not taken half-way. Longer than the longest pause of a slow writer.
    /// </summary>
    [Range(0, 3600)]
    public double SettleSeconds { get; set; } = 5;

    /// <summary>
    /// On Linux, also wait while any process has the file open for writing (read from /proc, for the
    /// processes this user may see); elsewhere the settle window alone decides.
    /// </summary>
    public bool CheckOpenWriters { get; set; } = true;

    /// <summary>Digests ingested when the store is empty, so a fresh install shows real results. Empty disables.</summary>
    public string SamplesPath { get; set; } = "../shared/digests";
}
