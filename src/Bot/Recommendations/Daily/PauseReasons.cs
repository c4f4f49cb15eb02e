namespace Bot.Recommendations.Daily;

/// <summary>
/// What a paused subscription or community digest tells the person who can resume it: why the posts
/// stopped, and what to change first. One wording for /subscribe, /digest-channel and /recommend.
/// </summary>
public static class PauseReasons
{
    /// <summary>The reason as the end of a sentence that begins "… paused because".</summary>
    public static string Because(string reason, int refusalsBeforePause) => reason switch
    {
        SubscriptionStore.PausedDmsClosed =>
            "I could not send you a direct message (your DMs were closed to me). Allow direct messages from this server's members, or choose delivery: channel",
        SubscriptionStore.PausedChannelGone => "the channel they went to no longer exists, or I can no longer see it",
        SubscriptionStore.PausedNoAccess =>
            $"I was refused access to the channel on {refusalsBeforePause} due days in a row. Give me View Channel, Send Messages and Embed Links there (and Create Public Threads for a community digest)",
        _ => "the destination kept refusing the posts",
    };
}
