using System.Text.Json;
using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary><c>/follow topic</c>: adds an interest the user's picks are ranked by.</summary>
public sealed class FollowModule(RecommendationCommands commands, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "follow";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var reply = await commands.FollowAsync(interaction.InvokerId, interaction.String("topic") ?? "", cancellationToken);
        await RecommendationReplies.EditAsync(rest, interaction, reply, cancellationToken);
    }
}

/// <summary><c>/unfollow interest</c>, the option suggesting the user's own interests as they type.</summary>
public sealed class UnfollowModule(RecommendationCommands commands, DiscordRestClient rest) : ISlashCommand, IAutocompleteHandler
{
    public string Name => "unfollow";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var reply = commands.Unfollow(interaction.InvokerId, interaction.String("interest") ?? "");
        await RecommendationReplies.EditAsync(rest, interaction, reply, cancellationToken);
    }

    public async Task HandleAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var typed = interaction.Focused()?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";
        var choices = commands.MatchingInterests(interaction.InvokerId, typed)
            .Take(PaperModule.MaxChoices)
            .Select(i => ApplicationCommandOptionChoice.Of(Messages.TextTruncation.Truncate(i.Text, 100), i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData(Choices: choices)), cancellationToken);
    }
}

/// <summary>Edits a deferred ephemeral reply with a command's reply.</summary>
internal static class RecommendationReplies
{
    public static Task EditAsync(DiscordRestClient rest, Interaction interaction, CommandReply reply, CancellationToken cancellationToken, Component[]? components = null) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [reply.IsError ? ReplyEmbeds.Error(reply.Headline) : ReplyEmbeds.General(reply)], Components: components ?? []),
            cancellationToken);
}
