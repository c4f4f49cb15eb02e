using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary>
/// Feedback on one paper, by id, title or its number in the last list shown: what /like, /dislike,
/// /dismiss and /save share. The reply says which paper a number meant.
/// </summary>
public abstract class FeedbackCommand(RecommendationCommands commands, ShownLists shown, PaperTitleSuggestions titles, FeedbackKind kind) : IBotCommand, ISuggestsValues
{
    public abstract CommandDeclaration Declaration { get; }

    protected static CommandOption PaperOption(bool autocomplete = false) =>
        new("paper", "The paper's number in your last list, its id, or its title", Required: true, MaxLength: 300, Autocomplete: autocomplete, Primary: true);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var reference = shown.Resolve(request.Asker.UserId, request.Text("paper") ?? "");
        if (reference.Error is { } error)
        {
            return Task.FromResult(CommandReply.Error(error));
        }
        var reply = commands.Feedback(request.Asker.UserId, request.Asker.GuildId, reference.IdOrTitle!, kind);
        return Task.FromResult(reference.Meaning is { } meaning && !reply.IsError
            ? reply with { Footer = reply.Footer is null ? $"({meaning})" : $"{reply.Footer} ({meaning})" }
            : reply);
    }

    /// <summary>Titles, for a command that declares its paper option with autocomplete (/save).</summary>
    public IReadOnlyList<Suggestion> Suggest(Bot.Answers.Asker asker, string option, string typed, int limit) => titles.For(typed, limit);
}
