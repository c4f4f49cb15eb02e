using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Interactions;

/// <summary>
/// Sends each interaction to its handler: commands by name, autocomplete by command name, buttons and
/// menus by custom-id prefix. An interaction is handled once even if a resumed gateway session delivers
/// it again or two instances see it (the store's event ledger decides), and a failing handler still
/// answers the user.
/// </summary>
public sealed partial class InteractionRouter
{
    private readonly Dictionary<string, ISlashCommand> _commands;
    private readonly Dictionary<string, IComponentHandler> _components;
    private readonly Dictionary<string, IAutocompleteHandler> _autocomplete;
    private readonly FrontEndState _state;
    private readonly DiscordRestClient _rest;
    private readonly ILogger<InteractionRouter> _logger;
    private readonly Bot.Commands.Declarations.CommandSet? _declared;

    public InteractionRouter(
        IEnumerable<ISlashCommand> commands,
        IEnumerable<IComponentHandler> components,
        IEnumerable<IAutocompleteHandler> autocomplete,
        FrontEndState state,
        DiscordRestClient rest,
        ILogger<InteractionRouter> logger,
        Bot.Commands.Declarations.CommandSet? declared = null)
    {
        _declared = declared;
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _components = components.ToDictionary(c => c.Prefix, StringComparer.Ordinal);
        _autocomplete = autocomplete.ToDictionary(c => c.Name, StringComparer.Ordinal);
        // Declared commands without a module of their own (buttons, paging, streaming) are served by the
        // generic one, and their suggestions by the command itself: nothing is written twice.
        foreach (var declaredCommand in declared?.On(Bot.Commands.Declarations.Surfaces.Discord) ?? [])
        {
            _commands.TryAdd(declaredCommand.Declaration.Name, new Modules.DeclaredCommandModule(declaredCommand, rest));
            if (declaredCommand is Bot.Commands.Declarations.ISuggestsValues suggests)
            {
                _autocomplete.TryAdd(declaredCommand.Declaration.Name, new Modules.DeclaredSuggestions(declaredCommand, suggests, rest));
            }
        }
        _state = state;
        _rest = rest;
        _logger = logger;
    }

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!_state.TryClaimEvent($"interaction:{interaction.Id}"))
        {
            LogDuplicate(interaction.Id);
            return;
        }
        if (interaction.Invoker?.Id is null)
        {
            // Every command keeps or charges something per user; with no user named there is nobody to do it for.
            LogNoInvoker(interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId);
            await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
                IsAutocomplete(interaction) ? Respond.NoChoices : Respond.Ephemeral(NoInvoker), cancellationToken);
            return;
        }
        try
        {
            // Every command's options are checked against its declaration here, as the console checks them,
            // whichever module presents it: a value out of range or of the wrong shape never reaches one.
            if (interaction.Type == InteractionType.ApplicationCommand
                && _declared?.Find(interaction.Data?.Name ?? "", Bot.Commands.Declarations.Surfaces.Discord) is { } declaredCommand
                && Modules.DeclaredCommandModule.Read(interaction, declaredCommand.Declaration, out _) is { } invalid)
            {
                await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, Respond.Ephemeral(invalid), cancellationToken);
                return;
            }
            var handled = interaction.Type switch
            {
                InteractionType.ApplicationCommand when _commands.TryGetValue(interaction.Data?.Name ?? "", out var command) =>
                    command.HandleAsync(interaction, cancellationToken),
                InteractionType.ApplicationCommandAutocomplete when _autocomplete.TryGetValue(interaction.Data?.Name ?? "", out var suggest) =>
                    suggest.HandleAutocompleteAsync(interaction, cancellationToken),
                InteractionType.MessageComponent when interaction.Data?.CustomId?.Split(':') is [var prefix, ..] parts
                    && _components.TryGetValue(prefix, out var component) =>
                    component.HandleComponentAsync(interaction, parts, cancellationToken),
                _ => null,
            };
            if (handled is null)
            {
                LogUnknown(interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId);
                await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
                    IsAutocomplete(interaction) ? Respond.NoChoices : Respond.Ephemeral("I do not know that command."), cancellationToken);
                return;
            }
            await handled;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception, interaction.Type, interaction.Data?.Name ?? interaction.Data?.CustomId);
            await ApologiseAsync(interaction, cancellationToken);
        }
    }

    /// <summary>Tells the user something went wrong, whether or not the interaction was acknowledged yet.</summary>
    private async Task ApologiseAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        const string Sorry = "Something went wrong on my side; please try again.";
        if (IsAutocomplete(interaction))
        {
            try
            {
                await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, Respond.NoChoices, cancellationToken);
            }
            catch (DiscordApiException)
            {
                // The handler answered before it failed: the user already has its choices, and an
                // autocomplete has no follow-ups to apologise in.
            }
            return;
        }
        try
        {
            await _rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, Respond.Ephemeral(Sorry), cancellationToken);
        }
        catch (DiscordApiException)
        {
            // Already acknowledged (deferred): a follow-up reaches the user instead.
            await _rest.CreateFollowupMessageAsync(interaction.ApplicationId, interaction.Token, Respond.EphemeralMessage(Sorry), cancellationToken);
        }
    }

    private static bool IsAutocomplete(Interaction interaction) => interaction.Type == InteractionType.ApplicationCommandAutocomplete;

    public const string NoInvoker = "This interaction did not say who sent it, so I did nothing; please try again from Discord.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Type} interaction {Name} names no user; refused")]
    private partial void LogNoInvoker(InteractionType type, string? name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Interaction {Id} was already handled; ignoring the repeat")]
    private partial void LogDuplicate(string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for {Type} interaction {Name}")]
    private partial void LogUnknown(InteractionType type, string? name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Type} interaction {Name} failed")]
    private partial void LogFailed(Exception exception, InteractionType type, string? name);
}
