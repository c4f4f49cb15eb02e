using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/dislike paper</c>: Dislike a paper: fewer like it in your picks.</summary>
public sealed class DislikeCommand(RecommendationCommands commands, ShownLists shown) : FeedbackCommand(commands, shown, FeedbackKind.Dislike)
{
    public override CommandDeclaration Declaration { get; } = new("dislike", "Dislike a paper: fewer like it in your picks", [PaperOption(autocomplete: false)]);
}
