namespace Bot.Answers;

/// <summary>
/// Who asks, and in which conversation: budgets are charged to the user and the Discord server, and
/// a follow-up resolves against the conversation's previous answer (a channel, thread or DM).
/// </summary>
public sealed record Asker(string UserId, string? GuildId, string ConversationId)
{
    /// <summary>The local console: one user, one conversation.</summary>
    public static Asker Console { get; } = new("console", null, "console");
}
