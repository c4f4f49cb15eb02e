using System.Globalization;
using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/unfollow interest</c>: by its text, its id, or the number /interests shows ("2" or "#2").</summary>
public sealed class UnfollowCommand(RecommendationCommands commands) : IBotCommand, ISuggestsValues
{
    public CommandDeclaration Declaration { get; } = new("unfollow", "Stop following an interest",
    [
        new("interest", "One of your interests (pick from the suggestions) or its number in /interests", Required: true, MaxLength: 200, Autocomplete: true, Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(commands.Unfollow(request.Asker.UserId, InterestOf(request.Asker.UserId, request.Text("interest") ?? "")));

    /// <summary>
    /// The user's own interests containing what they typed. Choosing one sends "id:" and its stored id,
    /// which no list number or interest text can be mistaken for (a long interest's text would not fit
    /// in a suggestion's value).
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(Bot.Answers.Asker asker, string option, string typed, int limit) =>
        [.. commands.MatchingInterests(asker.UserId, typed).Take(limit).Select(i => new Suggestion(i.Text, StoredIdPrefix + i.Id.ToString(CultureInfo.InvariantCulture)))];

    private const string StoredIdPrefix = "id:";

    /// <summary>/interests numbers the list from 1; "#2" or "2" is the second interest listed, anything else its text.</summary>
    private string InterestOf(string userId, string text)
    {
        if (text.StartsWith(StoredIdPrefix, StringComparison.Ordinal))
        {
            return text[StoredIdPrefix.Length..];
        }
        var digits = text.Trim().TrimStart('#');
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return text;
        }
        var listed = commands.Interests(userId).Items;
        // Out of range stays a number the user sees ("#7"), never another interest's stored id.
        return number >= 1 && number <= listed.Count ? listed[number - 1].Id! : "#" + digits;
    }
}
