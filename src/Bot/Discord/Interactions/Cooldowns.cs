using Bot.Discord.Payloads;
using Bot.Discord.Rest;
using Bot.Store;

namespace Bot.Discord.Interactions;

/// <summary>The per-user cooldown every expensive command starts with, and its friendly refusal.</summary>
public static class Cooldowns
{
    /// <returns>True when the user may go ahead; otherwise the interaction was answered with "try again in N s".</returns>
    public static async Task<bool> TryStartAsync(
        this FrontEndState state, DiscordRestClient rest, Interaction interaction, string command, TimeSpan cooldown, string refusal,
        CancellationToken cancellationToken)
    {
        var wait = state.TryStartCooldown(interaction.InvokerId, command, cooldown);
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            Respond.Ephemeral($"{refusal}: try again in {Math.Ceiling(wait.TotalSeconds):0} s."), cancellationToken);
        return false;
    }
}
