using System.Text.Json;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Recommendations.Daily;

namespace Bot.Discord.Modules;

/// <summary>
/// <c>/subscribe [delivery] [time] [timezone] [count] [notify-empty]</c>: daily picks by DM or in this
/// channel, at a local time. Options left out keep the current subscription's values. The reply is
/// only for the subscriber.
/// </summary>
public sealed class SubscribeModule(DailyCommands daily, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "subscribe";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(ephemeral: true), cancellationToken);
        var request = new DailyCommands.SubscribeRequest(
            interaction.String("delivery"),
            interaction.String("time"),
            interaction.String("timezone"),
            interaction.Integer("count"),
            interaction.Data?.Options?.FirstOrDefault(o => o.Name == "notify-empty")?.Value is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag
                ? flag.GetBoolean()
                : null);
        var reply = interaction.Invoker?.Id is { } userId
            ? daily.Subscribe(userId, interaction.GuildId, interaction.ChannelId, request)
            : Bot.Commands.CommandReply.Error("Discord did not say who you are; please try again.");
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }
}
