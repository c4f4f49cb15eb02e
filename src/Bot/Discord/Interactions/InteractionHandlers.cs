using Bot.Discord.Payloads;

namespace Bot.Discord.Interactions;

/// <summary>A slash command, found by name. Every handler acknowledges within Discord's 3 seconds (usually by deferring).</summary>
public interface ISlashCommand
{
    string Name { get; }

    Task HandleAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>Buttons and menus whose custom id starts with <see cref="Prefix"/> and a colon.</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    /// <param name="parts">The custom id split at colons.</param>
    Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken);
}

/// <summary>Suggestions while the user types an option of command <see cref="Name"/>.</summary>
public interface IAutocompleteHandler
{
    string Name { get; }

    Task HandleAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>Shorthands for the responses every module sends.</summary>
public static class Respond
{
    public static InteractionResponse Ephemeral(string text) => new(InteractionCallbackType.ChannelMessageWithSource,
        new InteractionCallbackData(Content: text, Flags: MessageFlags.Ephemeral, AllowedMentions: AllowedMentions.None));

    /// <summary>
    /// The answer to an autocomplete that has nothing to offer, or failed: Discord accepts only type 8
    /// for an autocomplete interaction, which has no message to follow up.
    /// </summary>
    public static InteractionResponse NoChoices { get; } = new(InteractionCallbackType.ApplicationCommandAutocompleteResult,
        new InteractionCallbackData(Choices: []));

    public static MessageCreate EphemeralMessage(string? text = null, Embed? embed = null) =>
        new(Content: text, Embeds: embed is null ? null : [embed], Flags: MessageFlags.Ephemeral);
}
