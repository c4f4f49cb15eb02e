using Bot.Commands.Declarations;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>
/// Discord's autocomplete for a declared command that suggests values: the command's suggestions for the
/// focused option, cut to what Discord shows (25 choices, 100 characters each).
/// </summary>
public sealed class DeclaredSuggestions(IBotCommand command, ISuggestsValues suggestions, DiscordRestClient rest) : IAutocompleteHandler
{
    /// <summary>Discord shows at most 25 suggestions, each name and value at most 100 characters.</summary>
    public const int MaxChoices = 25;

    private const int MaxChoiceLength = 100;

    public string Name => command.Declaration.Name;

    public async Task HandleAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        // Autocomplete cannot be deferred: the suggestions are the response, so this must stay fast.
        var focused = Focused(interaction.Data?.Options ?? []);
        var typed = focused?.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString() ?? "" : "";
        var choices = focused is null ? [] : suggestions.Suggest(Askers.Of(interaction), focused.Name, typed, MaxChoices)
            // A value Discord would refuse is left out rather than cut: cut, it would name something else.
            .Where(s => s.Value.Length <= MaxChoiceLength)
            .Take(MaxChoices)
            .Select(s => ApplicationCommandOptionChoice.Of(Messages.TextTruncation.Truncate(s.Name, MaxChoiceLength), s.Value))
            .ToArray();
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData(Choices: choices)), cancellationToken);
    }

    /// <summary>The option being typed, inside a subcommand if the command has them.</summary>
    private static InteractionDataOption? Focused(IReadOnlyList<InteractionDataOption> options) =>
        options.FirstOrDefault(o => o.Focused == true) ?? options.Select(o => Focused(o.Options ?? [])).FirstOrDefault(o => o is not null);
}
