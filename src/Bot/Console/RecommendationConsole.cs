using System.Globalization;
using Bot.Commands;
using Bot.Recommendations;
using Bot.Store;

namespace Bot.Console;

/// <summary>
/// The recommendation commands at the local console, for its one user (<see cref="UserSignalStore.ConsoleUserId"/>):
/// <c>/follow</c>, <c>/unfollow</c>, <c>/interests</c>, <c>/recommend [N]</c>, <c>/like</c>, <c>/dislike</c>,
/// <c>/dismiss</c>, <c>/save</c> (paper id or title), <c>/library [page]</c>, <c>/forget-me confirm</c>.
/// </summary>
public sealed class RecommendationConsole(RecommendationCommands commands, FrontEndState state)
{
    public const string Help = """
          /follow <topic>                                follow a research interest
          /unfollow <interest or its number>             stop following it
          /interests                                     what you follow
          /recommend [N]                                 papers picked for you (default 5), each with its reason
          /like | /dislike | /dismiss <pick number, paper id or title>  feedback that tunes your picks (dismiss: not interested)
          /save <pick number, paper id or title>         save a paper to your library
          /library [page]                                your saved papers
          /forget-me confirm                             delete everything stored about you
        """;

    private const string User = UserSignalStore.ConsoleUserId;

    /// <summary>
    /// The paper ids of the last /recommend, in order, so "/like 2" means its second pick. Kept in the store
    /// under the user's id, like every other piece of front-end state, so /forget-me removes it too.
    /// </summary>
    private const string LastPicksKey = "console:last-picks";

    /// <returns>The rendered reply, or null when the command is not a recommendation command.</returns>
    public async Task<string?> TryExecuteAsync(ConsoleCommandLine command, CancellationToken cancellationToken)
    {
        CommandReply? reply = command.Name switch
        {
            "follow" => await commands.FollowAsync(User, command.Text, cancellationToken),
            "unfollow" => commands.Unfollow(User, InterestOf(command.Text)),
            "interests" => Numbered(commands.Interests(User)),
            "like" => Feedback(command.Text, FeedbackKind.Like),
            "dislike" => Feedback(command.Text, FeedbackKind.Dislike),
            "dismiss" or "not-interested" => Feedback(command.Text, FeedbackKind.Dismiss),
            "save" => Feedback(command.Text, FeedbackKind.Save),
            "library" => Page(command.Text, out var page, out var error) ? commands.Library(User, page) : CommandReply.Error(error!),
            "recommend" => await RecommendAsync(command.Text, cancellationToken),
            "forget-me" => command.Text.Equals("confirm", StringComparison.OrdinalIgnoreCase)
                ? commands.ForgetMe(User)
                : CommandReply.Error("This deletes your interests, feedback, saved papers and history. Type /forget-me confirm to go ahead."),
            _ => null,
        };
        return reply is null ? null : ReplyRenderer.Render(reply);
    }

    /// <summary>A question asked at the console, as a weak signal for picks.</summary>
    public void RecordQuestion(string question) => commands.RecordQuestion(User, null, question);

    private async Task<CommandReply> RecommendAsync(string text, CancellationToken cancellationToken)
    {
        var count = 5;
        if (text.Length > 0 && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out count))
        {
            return CommandReply.Error($"/recommend takes how many picks you want, a number, not \"{text}\".");
        }
        var (reply, picks) = await commands.RecommendAsync(User, null, count, cancellationToken);
        if (picks.Count > 0)
        {
            state.Set(LastPicksKey, string.Join(' ', picks.Select(p => p.PaperId)), User);
        }
        return reply;
    }

    /// <summary>A small number is a pick of the last /recommend; anything else is a paper id or title.</summary>
    private CommandReply Feedback(string text, FeedbackKind kind)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxPickNumber)
        {
            var last = state.Get(LastPicksKey)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (number <= last.Length)
            {
                return commands.Feedback(User, null, last[number - 1], kind);
            }
            // No paper is titled "9"; the user meant a pick that was not shown.
            return CommandReply.Error(last.Length == 0
                ? $"There is no pick {number}: run /recommend first, then use the numbers it shows."
                : $"There is no pick {number}: the last /recommend showed {last.Length}.");
        }
        return commands.Feedback(User, null, text, kind);
    }

    /// <summary>Numbers up to this are pick numbers; /recommend shows at most 25.</summary>
    private const int MaxPickNumber = 25;

    /// <summary>/interests numbers the list from 1; "#2" or "2" is the second interest listed, anything else its text.</summary>
    private string InterestOf(string text)
    {
        var digits = text.Trim().TrimStart('#');
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return text;
        }
        var listed = commands.Interests(User).Items;
        // Out of range stays a number the user sees ("#7"), never another interest's stored id.
        return number >= 1 && number <= listed.Count ? listed[number - 1].Id! : "#" + digits;
    }

    private static CommandReply Numbered(CommandReply reply) =>
        reply with { Items = [.. reply.Items.Select((item, i) => item with { Title = $"#{i + 1} {item.Title}", Id = null })] };

    private static bool Page(string text, out int page, out string? error)
    {
        error = null;
        page = 0;
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
        {
            page = number - 1;
            return true;
        }
        error = $"/library takes a page number (1, 2, ...), not \"{text}\".";
        return false;
    }
}
