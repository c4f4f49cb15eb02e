using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/like paper</c>: Like a paper: more like it in your picks.</summary>
public sealed class LikeCommand(RecommendationCommands commands, ShownLists shown, PaperTitleSuggestions titles) : FeedbackCommand(commands, shown, titles, FeedbackKind.Like)
{
    public override CommandDeclaration Declaration { get; } = new("like", "Like a paper: more like it in your picks", [PaperOption(autocomplete: false)]);
}
