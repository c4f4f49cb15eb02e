using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/dislike paper</c>: Dislike a paper: fewer like it in your picks.</summary>
public sealed class DislikeCommand(RecommendationCommands commands, ShownLists shown, PaperTitleSuggestions titles) : FeedbackCommand(commands, shown, titles, FeedbackKind.Dislike)
{
    public override CommandDeclaration Declaration { get; } = new("dislike", "Dislike a paper: fewer like it in your picks", [PaperOption(autocomplete: false)]);
}
