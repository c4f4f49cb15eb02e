namespace Bot.Discord.Gateway;

/// <summary>
/// The bot user from Ready, only the fields the gateway logs; the full user record belongs to the
/// entity payloads, which handlers of READY can deserialize themselves.
/// </summary>
public sealed record ReadyUser(string Id, string Username);
