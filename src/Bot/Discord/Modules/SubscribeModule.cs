using Bot.Commands;
using System.Text.Json;
using Bot.Discord.Commands;
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
        var lacks = ChannelDelivery(request) ? interaction.BotLacks(ChannelNeeds(interaction.Channel)) : [];
        var reply = interaction.Invoker?.Id is not { } userId ? Bot.Commands.CommandReply.Error("Discord did not say who you are; please try again.")
            : lacks.Count > 0 ? Bot.Commands.CommandReply.Error(
                $"I cannot post your daily papers in this channel: I lack {string.Join(", ", lacks)} here. Ask an admin to grant them, or choose delivery: dm.")
            : daily.Subscribe(userId, interaction.GuildId, interaction.ChannelId, request);
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }

    private static bool ChannelDelivery(DailyCommands.SubscribeRequest request) =>
        string.Equals(request.Delivery?.Trim(), "channel", StringComparison.OrdinalIgnoreCase);

    /// <summary>In a thread, posting takes Send Messages in Threads instead of Send Messages.</summary>
    private static (long, string)[] ChannelNeeds(Channel? channel) =>
        channel?.Type is ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread
            ? [CommandCatalog.ViewChannel, CommandCatalog.SendMessagesInThreads, CommandCatalog.EmbedLinks]
            : [CommandCatalog.ViewChannel, CommandCatalog.SendMessages, CommandCatalog.EmbedLinks];
}
