using Bot.Commands.Declarations;
using Bot.Recommendations;

namespace Bot.Commands.Declared;

/// <summary><c>/save paper</c>: Save a paper to your library.</summary>
public sealed class SaveCommand(RecommendationCommands commands, ShownLists shown, PaperTitleSuggestions titles) : FeedbackCommand(commands, shown, titles, FeedbackKind.Save)
{
    public override CommandDeclaration Declaration { get; } = new("save", "Save a paper to your library", [PaperOption(autocomplete: true)], Surfaces: Surfaces.Both);
}
