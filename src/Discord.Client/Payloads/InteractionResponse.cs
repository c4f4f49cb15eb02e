namespace Bot.Discord.Payloads;

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, InteractionCallbackData? Data = null)
{
    /// <summary>Acknowledge now and edit the original response later; the user sees "thinking".</summary>
    public static InteractionResponse Defer(bool ephemeral = false) => new(
        InteractionCallbackType.DeferredChannelMessageWithSource,
        new InteractionCallbackData(Flags: ephemeral ? MessageFlags.Ephemeral : null));
}

public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

/// <summary>
/// Messages use content/embeds/components/flags/allowed_mentions, autocomplete uses choices, and a
/// modal uses custom_id/title/components.
/// </summary>
public sealed record InteractionCallbackData(
    string? Content = null,
    Embed[]? Embeds = null,
    Component[]? Components = null,
    MessageFlags? Flags = null,
    AllowedMentions? AllowedMentions = null,
    ApplicationCommandOptionChoice[]? Choices = null,
    string? CustomId = null,
    string? Title = null);
