namespace Bot.Discord.Payloads;

/// <summary>A rich embed. Limits (title 256, description 4096...) are applied by <c>MessageLimits</c>, not here.</summary>
public sealed record Embed(
    string? Title = null,
    string? Description = null,
    string? Url = null,
    DateTimeOffset? Timestamp = null,
    int? Color = null,
    EmbedFooter? Footer = null,
    EmbedField[]? Fields = null,
    EmbedAuthor? Author = null);

public sealed record EmbedField(string Name, string Value, bool? Inline = null);

public sealed record EmbedFooter(string Text, string? IconUrl = null);

public sealed record EmbedAuthor(string Name, string? Url = null, string? IconUrl = null);
