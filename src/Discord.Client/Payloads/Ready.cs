namespace Bot.Discord.Payloads;

/// <summary>
/// The READY dispatch, reduced to what the bot needs: who it is, the application id, and where to resume.
/// </summary>
public sealed record Ready(
    int V,
    User User,
    string SessionId,
    string ResumeGatewayUrl,
    ReadyApplication Application,
    UnavailableGuild[]? Guilds = null,
    int[]? Shard = null);

public sealed record ReadyApplication(string Id);

public sealed record UnavailableGuild(string Id, bool? Unavailable = null);
