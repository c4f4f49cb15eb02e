using Bot.Answers;
using Bot.Discord.Payloads;

namespace Bot.Discord.Interactions;

/// <summary>
/// Who asks in Discord: budgets go to the user and the server; the conversation is the channel (a
/// thread is a channel of its own, and so is a DM), so a follow-up in the same place resolves
/// against the previous answer there.
/// </summary>
public static class Askers
{
    public static Asker Of(Interaction interaction)
    {
        var user = interaction.InvokerId;
        return new Asker(user, interaction.GuildId, "discord:" + (interaction.ChannelId ?? "dm:" + user));
    }

    public static Asker Of(Message message) => new(message.Author.Id, message.GuildId, "discord:" + message.ChannelId);
}
