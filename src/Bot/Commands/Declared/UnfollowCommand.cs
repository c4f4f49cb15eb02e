using System.Globalization;
using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/unfollow interest</c>: by its text, its id, or the number /interests shows ("2" or "#2").</summary>
public sealed class UnfollowCommand(RecommendationCommands commands) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("unfollow", "Stop following an interest",
    [
        new("interest", "One of your interests (pick from the suggestions) or its number in /interests", Required: true, MaxLength: 200, Autocomplete: true, Primary: true),
    ]);

    public Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(commands.Unfollow(request.Asker.UserId, InterestOf(request.Asker.UserId, request.Text("interest") ?? "")));

    /// <summary>/interests numbers the list from 1; "#2" or "2" is the second interest listed, anything else its text.</summary>
    private string InterestOf(string userId, string text)
    {
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
