namespace Bot.Discord.Gateway;

/// <summary>Resume (op 6): replays the events after <c>Seq</c> on the session <c>SessionId</c>.</summary>
public sealed record ResumeData(string Token, string SessionId, int? Seq)
{
    // A record prints every property; the token must never reach a log line through ToString.
    public override string ToString() => $"ResumeData {{ Token = ***, SessionId = {SessionId}, Seq = {Seq} }}";
}
