using Bot.Commands;
using Bot.Discord.Interactions;
using Bot.Discord.Payloads;
using Bot.Discord.Rest;

namespace Bot.Discord.Modules;

/// <summary>Edits a deferred ephemeral reply with a command's reply.</summary>
internal static class RecommendationReplies
{
    public static Task EditAsync(DiscordRestClient rest, Interaction interaction, CommandReply reply, CancellationToken cancellationToken, Component[]? components = null) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token,
            new MessageCreate(Embeds: [reply.IsError ? ReplyEmbeds.Error(reply.Headline) : ReplyEmbeds.General(reply)], Components: components ?? []),
            cancellationToken);
}
