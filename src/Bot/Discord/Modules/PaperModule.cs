using System.Text.Json;
using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Modules;

/// <summary><c>/paper title</c>: one paper in an embed; its title option autocompletes from the library.</summary>
public sealed class PaperModule(BotCommands commands, PaperStore papers, DiscordRestClient rest) : ISlashCommand, IAutocompleteHandler
{
    /// <summary>Discord shows at most 25 suggestions, each at most 100 characters.</summary>
    public const int MaxChoices = 25;

    public string Name => "paper";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(), cancellationToken);
        var reply = commands.Paper(interaction.String("title") ?? "");
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }

    public async Task HandleAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        // Autocomplete cannot be deferred: the suggestions are the response, so this must stay fast.
        var typed = interaction.Focused()?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";
        var choices = papers.SuggestTitles(typed, MaxChoices)
            .Select(p => new ApplicationCommandOptionChoice(Messages.TextTruncation.Truncate(p.Title, 100), JsonSerializer.SerializeToElement(p.Id, DiscordJsonContext.Default.String)))
            .ToArray();
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData(Choices: choices)), cancellationToken);
    }
}
