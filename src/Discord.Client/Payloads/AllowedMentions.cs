namespace Bot.Discord.Payloads;

/// <summary>
/// Which mentions in a message may ping. The bot sends <see cref="None"/> on every message, because
/// model output can contain <c>@everyone</c> or a role mention.
/// </summary>
public sealed record AllowedMentions(string[] Parse, string[]? Users = null, string[]? Roles = null, bool? RepliedUser = null)
{
    /// <summary><c>{"parse": []}</c>: nothing in the content pings anyone.</summary>
    public static AllowedMentions None { get; } = new([]);
}
