namespace Bot.Discord.Payloads;

/// <summary>
/// The body of create message, edit message, follow-up and edit original response. The REST client
/// fills in <see cref="AllowedMentions.None"/> when <see cref="AllowedMentions"/> is left null. A
/// <see cref="Nonce"/> (at most 25 characters) with <see cref="EnforceNonce"/> makes a create idempotent
/// for a few minutes: Discord returns the message the bot already created with that nonce, not a new one.
/// </summary>
public sealed record MessageCreate(
    string? Content = null,
    Embed[]? Embeds = null,
    Component[]? Components = null,
    AllowedMentions? AllowedMentions = null,
    MessageReference? MessageReference = null,
    MessageFlags? Flags = null,
    string? Nonce = null,
    bool? EnforceNonce = null);
