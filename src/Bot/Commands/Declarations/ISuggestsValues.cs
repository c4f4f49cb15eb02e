using Bot.Answers;

namespace Bot.Commands.Declarations;

/// <summary>A value to offer while the user types an option: what they see, and what the option then holds.</summary>
public sealed record Suggestion(string Name, string Value);

/// <summary>
/// A command whose <see cref="CommandOption.Autocomplete"/> options suggest values as the user types
/// (Discord's autocomplete). The suggestions come from the command, so every front end offers the same ones.
/// </summary>
public interface ISuggestsValues
{
    /// <param name="option">The option being typed.</param>
    /// <param name="typed">What the user has typed so far (possibly empty).</param>
    IReadOnlyList<Suggestion> Suggest(Asker asker, string option, string typed, int limit);
}
