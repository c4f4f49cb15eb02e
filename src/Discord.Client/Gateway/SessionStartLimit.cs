namespace Bot.Discord.Gateway;

/// <summary>
/// How many identifies are left (<c>Remaining</c> of <c>Total</c>) until <c>ResetAfter</c> milliseconds
/// pass, and how many shards may identify at once (<c>MaxConcurrency</c>), from <c>GET /gateway/bot</c>.
/// </summary>
public sealed record SessionStartLimit(int Total, int Remaining, int ResetAfter, int MaxConcurrency);
