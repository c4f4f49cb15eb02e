namespace Bot.Discord.Payloads;

/// <summary>A file attached to a message or to a slash command's attachment option.</summary>
public sealed record Attachment(string Id, string Filename, long Size, string Url, string? ContentType = null);
