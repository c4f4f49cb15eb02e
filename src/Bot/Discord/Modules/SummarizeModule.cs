using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary><c>/summarize paper title</c> and <c>/summarize digest [digest]</c>: the language model's summary (cached) or the extractive one, posted in the channel.</summary>
public sealed class SummarizeModule(BotCommands commands, DiscordRestClient rest) : ISlashCommand
{
    public string Name => "summarize";

    public async Task HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Defer(), cancellationToken);
        var subcommand = interaction.Data?.Options?.FirstOrDefault();
        var reply = subcommand?.Name switch
        {
            "paper" => await commands.SummarizePaperAsync(subcommand.String("title") ?? "", Askers.Of(interaction), cancellationToken),
            "digest" => await commands.SummarizeDigestAsync(subcommand.String("digest"), Askers.Of(interaction), cancellationToken),
            _ => CommandReply.Error("Use /summarize paper or /summarize digest."),
        };
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [ReplyEmbeds.General(reply)]), cancellationToken);
    }
}
