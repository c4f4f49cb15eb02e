namespace Bot.Discord.Gateway;

/// <summary>What the client does after the connection closed.</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect and send Resume (op 6) with the kept session id and sequence.</summary>
    Resume,

    /// <summary>Reconnect and Identify (op 2) anew: the session is gone.</summary>
    Identify,

    /// <summary>Do not reconnect: retrying cannot succeed until a person changes something.</summary>
    Stop,
}

/// <summary>The rule for one close code, with a reason a person can act on.</summary>
public sealed record GatewayCloseRule(GatewayCloseAction Action, string Reason);

/// <summary>
/// The gateway close event codes (Discord docs, Opcodes and Status Codes → Gateway Close Event Codes)
/// as a table from code to rule, so the state machine never decides per code inline.
/// </summary>
public static class GatewayCloseCodes
{
    public const int UnknownError = 4000;
    public const int UnknownOpcode = 4001;
    public const int DecodeError = 4002;
    public const int NotAuthenticated = 4003;
    public const int AuthenticationFailed = 4004;
    public const int AlreadyAuthenticated = 4005;
    public const int InvalidSeq = 4007;
    public const int RateLimited = 4008;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>
    /// The code this client closes with when it means to resume. 1000 and 1001 end the session
    /// (Gateway docs, "Disconnecting"), so any other code keeps it resumable; 4000 is what Discord
    /// itself uses for "unknown error, try reconnecting".
    /// </summary>
    public const int ClientResume = 4000;

    /// <summary>Normal closure: used only on shutdown, where ending the session is what we want.</summary>
    public const int NormalClosure = 1000;

    private static readonly GatewayCloseRule ResumeRule = new(GatewayCloseAction.Resume, "connection lost; resuming");

    private static readonly Dictionary<int, GatewayCloseRule> Rules = new()
    {
        [UnknownError] = new(GatewayCloseAction.Resume, "unknown error"),
        [UnknownOpcode] = new(GatewayCloseAction.Resume, "unknown opcode sent"),
        [DecodeError] = new(GatewayCloseAction.Resume, "invalid payload sent"),
        // "You sent us a payload prior to identifying, or this session has been invalidated": resuming cannot work.
        [NotAuthenticated] = new(GatewayCloseAction.Identify, "not authenticated or session invalidated"),
        [AuthenticationFailed] = new(GatewayCloseAction.Stop,
            "authentication failed: the bot token is wrong or was reset; set a valid Bot:Discord:Token"),
        [AlreadyAuthenticated] = new(GatewayCloseAction.Resume, "identified twice"),
        [InvalidSeq] = new(GatewayCloseAction.Identify, "invalid sequence on resume; starting a new session"),
        [RateLimited] = new(GatewayCloseAction.Resume, "rate limited by the gateway"),
        [SessionTimedOut] = new(GatewayCloseAction.Identify, "session timed out; starting a new session"),
        [InvalidShard] = new(GatewayCloseAction.Stop,
            "invalid shard: check Bot:Discord:ShardId and ShardCount (ShardId must be below ShardCount)"),
        [ShardingRequired] = new(GatewayCloseAction.Stop,
            "sharding required: the bot is in too many guilds for one shard; raise Bot:Discord:ShardCount"),
        [InvalidApiVersion] = new(GatewayCloseAction.Stop, "invalid gateway API version"),
        [InvalidIntents] = new(GatewayCloseAction.Stop, "invalid intents: the intents bitmask is not valid"),
        [DisallowedIntents] = new(GatewayCloseAction.Stop,
            "disallowed intents: enable the Message Content privileged intent in the Developer Portal (Bot → Privileged Gateway Intents) or set Bot:Discord:MessageContentIntent to false"),
    };

    /// <summary>
    /// The rule for a close code; no code (a dropped network) and codes Discord does not document
    /// keep the session and resume, as the docs advise for anything reconnectable.
    /// </summary>
    public static GatewayCloseRule Classify(int? code) =>
        code is int known && Rules.TryGetValue(known, out var rule) ? rule : ResumeRule;
}
