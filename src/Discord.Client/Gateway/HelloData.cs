namespace Bot.Discord.Gateway;

/// <summary>Hello (op 10): how often, in milliseconds, the client must heartbeat.</summary>
public sealed record HelloData(int HeartbeatInterval);
