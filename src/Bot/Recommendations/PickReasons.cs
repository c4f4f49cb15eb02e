namespace Bot.Recommendations;

/// <summary>
/// The sentences a pick's reason is made of, in one place: the ranker names the signal that contributed
/// most with them, and <see cref="PickEvidence"/> writes the reason a pick is shown with.
/// </summary>
internal static class PickReasons
{
    public static string Interest(string text, bool forGroup) =>
        forGroup ? $"Matches the server's interest \"{text}\"" : $"Matches your interest \"{text}\"";

    public static string Kept(string title, string verb, bool forGroup) =>
        $"Close to \"{title}\", which {(forGroup ? "someone here" : "you")} {verb}";

    public static string Preference(string title) => $"Fits what you liked; closest to \"{title}\"";

    /// <summary>An interest whose words the paper shares, naming them (as the interest spells them): the user can see why.</summary>
    public static string InterestWords(string text, IReadOnlyList<string> words, bool forGroup) =>
        $"{Interest(text, forGroup)} (shares: {string.Join(", ", words)})";

    /// <summary>
    /// No interest or kept paper really supports the pick (it only shares a word, in another sense, or
    /// nothing clears the bar): said plainly, without naming an interest it does not match.
    /// </summary>
    public static string Weak(IReadOnlyList<string> words, bool forGroup)
    {
        var whose = forGroup ? "what this server follows" : "what you follow";
        return words.Count == 0 ? $"A loose match for {whose}" : $"A loose match for {whose}: it only shares the words {string.Join(", ", words)}";
    }
}
