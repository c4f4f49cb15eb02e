using Bot.Commands.Declarations;

namespace Bot.Commands.Declared;

/// <summary><c>/recommend [count]</c>: papers picked for the user, each with its reason, numbered for feedback.</summary>
public sealed class RecommendCommand(RecommendationCommands commands, ShownLists shown) : IBotCommand
{
    public CommandDeclaration Declaration { get; } = new("recommend", "Papers picked for you from what you follow and liked",
    [
        new("count", "How many picks (1-10, default 5)", OptionKind.Integer, Min: 1, Max: 10, Default: "5", Primary: true),
    ], Example: "/recommend 3");

    public async Task<CommandReply> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        (await RecommendAsync(request, cancellationToken)).Reply;

    /// <summary>The reply and the picks it lists, for a front end that puts buttons under each pick.</summary>
    public async Task<(CommandReply Reply, IReadOnlyList<Bot.Recommendations.Pick> Picks)> RecommendAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (reply, picks) = await commands.RecommendAsync(request.Asker.UserId, request.Asker.GuildId, (int)(request.Integer("count") ?? 5), cancellationToken);
        shown.Remember(request.Asker.UserId, "/recommend", picks.Select(p => p.PaperId));
        return (reply, picks);
    }
}
