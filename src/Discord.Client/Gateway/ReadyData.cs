namespace Bot.Discord.Gateway;

/// <summary>
/// Ready (dispatch READY): the session to resume later and the URL to resume on
/// (Gateway docs, "Ready": resumes must use <c>resume_gateway_url</c>, not the identify URL).
/// </summary>
public sealed record ReadyData(
    int V,
    ReadyUser User,
    string SessionId,
    string ResumeGatewayUrl,
    ReadyApplication Application,
    int[]? Shard);
