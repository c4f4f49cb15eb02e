using Bot.Commands.Declarations;
using Bot.Store;

namespace Bot.Commands;

/// <summary>Titles from the library that start with (or contain) what the user typed, for any option naming a paper.</summary>
public sealed class PaperTitleSuggestions(PaperStore papers)
{
    public IReadOnlyList<Suggestion> For(string typed, int limit) =>
        [.. papers.SuggestTitles(typed, limit).Select(p => new Suggestion(p.Title, p.Id))];
}
