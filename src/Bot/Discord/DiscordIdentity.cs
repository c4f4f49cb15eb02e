namespace Bot.Discord;

/// <summary>
/// Who the bot is on Discord, learnt from READY: its user id (to recognise mentions) and its
/// application id (to register commands). Every instance learns the same values from its own READY.
/// </summary>
public sealed class DiscordIdentity
{
    private volatile string? _userId;
    private volatile string? _applicationId;

    public string? UserId => _userId;

    public string? ApplicationId => _applicationId;

    public void Set(string userId, string applicationId)
    {
        _userId = userId;
        _applicationId = applicationId;
    }
}
