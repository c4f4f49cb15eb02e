using Bot.Commands;
using Bot.Commands.Declared;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Modules;

/// <summary><c>/ask question</c>: an answer from the indexed papers with numbered citations, posted in the channel (streamed when a language model writes it).</summary>
public sealed class AskModule(AskCommand ask, FrontEndState state, DiscordRestClient rest, TimeProvider clock) : ISlashCommand
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    public string Name => "ask";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!await state.TryStartAsync(rest, interaction, Name, Cooldown, "One question at a time", cancellationToken))
        {
            return;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(), cancellationToken);
        // A language model's answer replaces the deferred "thinking…" as it is written, at most once a second.
        await StreamedReply.SendAsync(ask.StreamAsync(AskCommand.Question(Askers.Of(interaction), Messages.MentionText.Strip(interaction.String("question") ?? "")), cancellationToken), clock,
            (reply, _) => rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
                new MessageCreate(Embeds: [ReplyEmbeds.Answer(reply)]), cancellationToken), cancellationToken);
    }
}
