using Bot.Commands;
using Bot.Commands.Declared;
using Bot.Discord.Interactions;
using Bot.Discord.Messages;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Responders;

/// <summary>
/// A message that mentions the bot, or any direct message to it, is a question: the reply (to that
/// message) is the answer <c>/ask</c> gives, quoting and citing the papers.
/// Works without the MESSAGE_CONTENT intent: Discord still sends the content of mentions and DMs.
/// </summary>
public sealed class MentionResponder(AskCommand ask, FrontEndState state, DiscordRestClient rest, TimeProvider clock)
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(3);

    /// <param name="botUserId">The bot's own user id, from READY.</param>
    public async Task HandleAsync(Message message, string botUserId, CancellationToken cancellationToken)
    {
        var isDirect = message.GuildId is null;
        var mentioned = message.Mentions?.Any(u => u.Id == botUserId) == true;
        if (message.Author.Bot == true || message.Author.Id == botUserId || !(isDirect || mentioned))
        {
            return;
        }
        if (!state.TryClaimEvent($"message:{message.Id}"))
        {
            return;
        }
        var reference = new MessageReference(message.Id, message.ChannelId, message.GuildId, FailIfNotExists: false);
        var question = MentionText.Strip(message.Content);
        if (question.Length == 0)
        {
            await rest.CreateMessageAsync(message.ChannelId,
                new MessageCreate("Ask me about the papers in the library, for example: @me model merging without retraining", MessageReference: reference),
                cancellationToken);
            return;
        }
        if (state.TryStartCooldown(message.Author.Id, "mention", Cooldown) > TimeSpan.Zero)
        {
            return;
        }
        // The first text posts the reply; a language model's later text edits it, at most once a second.
        string? replyId = null;
        try
        {
            await AnswerAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One question's failure is an apology to its asker; BackgroundWork logs it.
            await rest.CreateMessageAsync(message.ChannelId, new MessageCreate(Sorry, MessageReference: reference), cancellationToken);
            throw;
        }

        Task AnswerAsync() => StreamedReply.SendAsync(ask.StreamAsync(AskCommand.Question(Askers.Of(message), question), cancellationToken), clock, async (reply, _) =>
        {
            var embeds = new MessageCreate(Embeds: [ReplyEmbeds.Answer(reply)], MessageReference: replyId is null ? reference : null);
            replyId = replyId is null
                ? (await rest.CreateMessageAsync(message.ChannelId, embeds, cancellationToken)).Id
                : (await rest.EditMessageAsync(message.ChannelId, replyId, embeds, cancellationToken)).Id ?? replyId;
        }, cancellationToken);
    }

    public const string Sorry = "Something went wrong on my side with that question; please try again.";
}
