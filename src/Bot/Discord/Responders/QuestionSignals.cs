using System.Text.Json;
using Bot.Commands;
using Bot.Discord.Gateway;
using Bot.Discord.Payloads;

namespace Bot.Discord.Responders;

/// <summary>
/// Questions asked with <c>/ask</c> are a weak sign of what a user cares about: recorded beside the
/// answer path (which stays untouched), and once even when Discord delivers the event again.
/// </summary>
public sealed class AskQuestionSignal(RecommendationCommands commands) : IGatewayEventHandler
{
    public string EventName => "INTERACTION_CREATE";

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        var interaction = gatewayEvent.Data.Deserialize(DiscordJsonContext.Default.Interaction);
        if (interaction is { Type: InteractionType.ApplicationCommand, Data.Name: "ask", Invoker.Id: { } userId }
            && Interactions.InteractionOptions.String(interaction, "question") is { } question)
        {
            commands.RecordQuestion(userId, interaction.GuildId, Messages.MentionText.Strip(question));
        }
        return Task.CompletedTask;
    }
}

/// <summary>The same for questions asked by mentioning the bot or writing to it directly.</summary>
public sealed class MentionQuestionSignal(RecommendationCommands commands, DiscordIdentity identity) : IGatewayEventHandler
{
    public string EventName => "MESSAGE_CREATE";

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        if (identity.UserId is not { } botUserId || gatewayEvent.Data.Deserialize(DiscordJsonContext.Default.Message) is not { } message)
        {
            return Task.CompletedTask;
        }
        var addressed = message.GuildId is null || message.Mentions?.Any(u => u.Id == botUserId) == true;
        if (addressed && message.Author.Bot != true && message.Author.Id != botUserId)
        {
            var question = Messages.MentionText.Strip(message.Content);
            commands.RecordQuestion(message.Author.Id, message.GuildId, question);
        }
        return Task.CompletedTask;
    }
}
