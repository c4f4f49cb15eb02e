using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/interests</c>: what the user follows, with a remove button per interest
/// (<c>interest:remove:ID</c>); pressing one removes it and shows the list again.
/// </summary>
public sealed class InterestsModule(RecommendationCommands commands, DiscordRestClient rest) : ISlashCommand, IComponentHandler
{
    /// <summary>Five rows of five buttons at most.</summary>
    private const int MaxButtons = 25;

    public string Name => "interests";

    public string Prefix => "interest";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        await ShowAsync(interaction, null, cancellationToken);
    }

    public async Task HandleComponentAsync(Interaction interaction, string[] parts, CancellationToken cancellationToken)
    {
        // parts: ["interest", "remove", id]; the list is the user's own ephemeral message, so it is updated in place.
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage), cancellationToken);
        var removed = parts is [_, "remove", var id] ? commands.Unfollow(interaction.InvokerId, id) : CommandReply.Error("Unknown button.");
        await ShowAsync(interaction, removed, cancellationToken);
    }

    private async Task ShowAsync(Interaction interaction, CommandReply? notice, CancellationToken cancellationToken)
    {
        var reply = commands.Interests(interaction.InvokerId);
        if (notice is not null)
        {
            reply = reply with { Footer = notice.Headline };
        }
        var buttons = reply.Items.Take(MaxButtons).Select((item, i) =>
            Component.Button(ButtonStyle.Secondary, Messages.TextTruncation.Truncate($"Remove: {item.Title}", 80), $"interest:remove:{item.Id}")).ToList();
        Component[] rows = [.. buttons.Chunk(5).Select(chunk => Component.ActionRow(chunk))];
        var embed = ReplyEmbeds.General(reply with { Items = [.. reply.Items.Select(i => i with { Text = $"#{i.Id}", Id = null })] });
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, new MessageCreate(Embeds: [embed], Components: rows), cancellationToken);
    }
}
