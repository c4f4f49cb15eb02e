using System.Text.RegularExpressions;
using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Responders;

/// <summary>
/// A message that mentions the bot, or any direct message to it, is a question: the reply (to that
/// message) is the answer <c>/ask</c> gives, quoting and citing the papers.
/// Works without the MESSAGE_CONTENT intent: Discord still sends the content of mentions and DMs.
/// </summary>
public sealed class MentionResponder(BotCommands commands, FrontEndState state, DiscordRestClient rest)
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
        var question = MentionOf(botUserId).Replace(message.Content, " ").Trim();
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
        var reply = await commands.AskAsync(question, cancellationToken);
        await rest.CreateMessageAsync(message.ChannelId, new MessageCreate(Embeds: [ReplyEmbeds.Answer(reply)], MessageReference: reference), cancellationToken);
    }

    private static Regex MentionOf(string userId) => new($"<@!?{Regex.Escape(userId)}>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
