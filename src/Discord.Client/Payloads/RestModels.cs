using System.Text.Json;

namespace Bot.Discord.Payloads;

/// <summary><c>GET /gateway/bot</c>: where to connect, how many shards, how many identifies are left.</summary>
public sealed record GatewayBot(string Url, int Shards, SessionStartLimit SessionStartLimit);

/// <summary><c>reset_after</c> is in milliseconds here, unlike the rate-limit headers.</summary>
public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

/// <summary>The current application (<c>GET /applications/@me</c>); the bot only needs its id.</summary>
public sealed record Application(string Id, string Name);

/// <summary>Body of <c>POST /users/@me/channels</c>.</summary>
public sealed record CreateDm(string RecipientId);

/// <summary>Body of <c>POST /channels/{channel}/messages/{message}/threads</c>; archive in minutes (60, 1440, 4320, 10080).</summary>
public sealed record StartThread(string Name, int? AutoArchiveDuration = null);

/// <summary>Discord's JSON error body; <c>errors</c> nests per field down to <c>_errors</c> arrays.</summary>
public sealed record DiscordErrorBody(int Code, string Message, JsonElement? Errors = null);

/// <summary>The body of a 429: seconds to wait (fractional), and whether the limit is the global one.</summary>
public sealed record RateLimitedBody(string Message, double RetryAfter, bool Global, int? Code = null);
