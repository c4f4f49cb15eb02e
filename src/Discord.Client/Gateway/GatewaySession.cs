namespace Bot.Discord.Gateway;

/// <summary>
/// What a resume needs: session id, last sequence number and resume URL. The receive loop writes the
/// sequence while the heartbeat loop reads it, hence the lock.
/// </summary>
internal sealed class GatewaySession
{
    private readonly Lock _gate = new();
    private string? _sessionId;
    private string? _resumeUrl;
    private int? _sequence;

    public string? SessionId { get { lock (_gate) { return _sessionId; } } }

    public string? ResumeUrl { get { lock (_gate) { return _resumeUrl; } } }

    public int? Sequence { get { lock (_gate) { return _sequence; } } }

    public bool CanResume { get { lock (_gate) { return _sessionId is not null && _resumeUrl is not null; } } }

    public void Start(string sessionId, string resumeUrl)
    {
        lock (_gate)
        {
            _sessionId = sessionId;
            _resumeUrl = resumeUrl;
        }
    }

    /// <summary>
    /// Records a dispatch's sequence number; false for one at or below the last seen, which a
    /// replay must not deliver twice.
    /// </summary>
    public bool TryAdvance(int sequence)
    {
        lock (_gate)
        {
            if (_sequence is int last && sequence <= last)
            {
                return false;
            }
            _sequence = sequence;
            return true;
        }
    }

    /// <summary>Forget the session (Invalid Session with d: false, 4007, 4009): the next connect identifies.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _sessionId = null;
            _resumeUrl = null;
            _sequence = null;
        }
    }
}
