using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>
/// The gateway's log lines. None takes the token: identify and resume log only shard, intents,
/// session id and sequence.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(2100, LogLevel.Information, "Connecting to the Discord gateway at {Url} (resume: {Resume})")]
    public static partial void Connecting(this ILogger logger, Uri url, bool resume);

    [LoggerMessage(2101, LogLevel.Information, "Identifying as shard {ShardId}/{ShardCount} with intents {Intents}")]
    public static partial void Identifying(this ILogger logger, int shardId, int shardCount, int intents);

    [LoggerMessage(2102, LogLevel.Information, "Resuming session {SessionId} after sequence {Sequence}")]
    public static partial void Resuming(this ILogger logger, string sessionId, int? sequence);

    [LoggerMessage(2103, LogLevel.Information, "Ready as {UserName} ({UserId}), application {ApplicationId}, session {SessionId}")]
    public static partial void Ready(this ILogger logger, string userName, string userId, string applicationId, string sessionId);

    [LoggerMessage(2104, LogLevel.Information, "Resumed session {SessionId}")]
    public static partial void Resumed(this ILogger logger, string? sessionId);

    [LoggerMessage(2105, LogLevel.Warning, "No heartbeat ACK since the last heartbeat: the connection is a zombie; reconnecting to resume")]
    public static partial void Zombie(this ILogger logger);

    [LoggerMessage(2106, LogLevel.Information, "The gateway asked us to reconnect (op 7); resuming")]
    public static partial void ReconnectRequested(this ILogger logger);

    [LoggerMessage(2107, LogLevel.Warning, "Invalid session (op 9); resumable: {Resumable}")]
    public static partial void InvalidSession(this ILogger logger, bool resumable);

    [LoggerMessage(2108, LogLevel.Warning, "The gateway closed the connection with {CloseCode} ({CloseReason}): {Rule}; next: {Action}")]
    public static partial void Closed(this ILogger logger, int? closeCode, string? closeReason, string rule, GatewayCloseAction action);

    // Transient network failures are expected and retried: one line with the reason, not a stack trace.
    [LoggerMessage(2109, LogLevel.Warning, "The gateway connection dropped ({Reason}); will resume if the session allows")]
    public static partial void Dropped(this ILogger logger, string reason);

    [LoggerMessage(2110, LogLevel.Error, "Discord gateway stopped for good (close code {CloseCode}): {Reason}")]
    public static partial void Stopped(this ILogger logger, int? closeCode, string reason);

    [LoggerMessage(2111, LogLevel.Information, "Reconnecting in {Delay} ({Action})")]
    public static partial void Reconnecting(this ILogger logger, TimeSpan delay, GatewayCloseAction action);

    [LoggerMessage(2112, LogLevel.Error, "Handler {Handler} failed on {EventName} (sequence {Sequence}); the connection carries on")]
    public static partial void HandlerFailed(this ILogger logger, string handler, string eventName, int? sequence, Exception exception);

    [LoggerMessage(2113, LogLevel.Information, "Waiting {Delay} for an identify slot ({Remaining} identifies left)")]
    public static partial void IdentifyWaiting(this ILogger logger, TimeSpan delay, int remaining);

    [LoggerMessage(2114, LogLevel.Warning, "GET /gateway/bot failed ({Reason}); retrying with backoff")]
    public static partial void GatewayLookupFailed(this ILogger logger, string reason);

    [LoggerMessage(2115, LogLevel.Debug, "Ignoring gateway opcode {Opcode}")]
    public static partial void UnknownOpcode(this ILogger logger, int opcode);

    [LoggerMessage(2116, LogLevel.Debug, "Ignoring dispatch {EventName} with sequence {Sequence}, already seen")]
    public static partial void DuplicateDispatch(this ILogger logger, string? eventName, int sequence);

    [LoggerMessage(2117, LogLevel.Debug, "Heartbeat send failed; the receive loop will see the drop")]
    public static partial void HeartbeatSendFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2118, LogLevel.Information, "Discord is off: no Bot:Discord:Token configured")]
    public static partial void Disabled(this ILogger logger);

    [LoggerMessage(2120, LogLevel.Warning, "No Hello from the gateway within {Timeout} of connecting; retrying")]
    public static partial void NoHello(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(2119, LogLevel.Critical, "The Discord gateway failed and is off until restart")]
    public static partial void Crashed(this ILogger logger, Exception exception);
}
