using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/dismiss paper</c>: Not interested: never show this paper again.</summary>
public sealed class DismissCommand(RecommendationCommands commands, ShownLists shown, PaperTitleSuggestions titles) : FeedbackCommand(commands, shown, titles, FeedbackKind.Dismiss)
{
    public override CommandDeclaration Declaration { get; } = new("dismiss", "Not interested: never show this paper again", [PaperOption(autocomplete: false)]);
}
