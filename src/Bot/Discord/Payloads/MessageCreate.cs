namespace Bot.Discord.Payloads;

/// <summary>
/// The body of create message, edit message, follow-up and edit original response. The REST client
/// fills in <see cref="AllowedMentions.None"/> when <see cref="AllowedMentions"/> is left null.
/// </summary>
public sealed record MessageCreate(
    string? Content = null,
    Embed[]? Embeds = null,
    Component[]? Components = null,
    AllowedMentions? AllowedMentions = null,
    MessageReference? MessageReference = null,
    MessageFlags? Flags = null);
