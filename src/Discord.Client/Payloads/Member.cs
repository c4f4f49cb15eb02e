namespace Bot.Discord.Payloads;

/// <summary>
/// A guild member. <c>permissions</c> is a decimal bitfield string (it exceeds 53 bits) and is only
/// present on interaction payloads; <c>user</c> is absent on message-create members.
/// </summary>
public sealed record Member(User? User, string[] Roles, string? Permissions = null, string? Nick = null);
