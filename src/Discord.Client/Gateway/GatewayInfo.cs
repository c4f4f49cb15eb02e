namespace Bot.Discord.Gateway;

/// <summary>The answer of <c>GET /gateway/bot</c>: the WSS URL, the recommended shard count and the identify budget.</summary>
public sealed record GatewayInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);
