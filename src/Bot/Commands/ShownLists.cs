using System.Globalization;
using Bot.Store;

namespace Bot.Commands;

/// <summary>
/// The last list of papers each user was shown (search results, picks, their library), kept in the store
/// under the user's id, so "/save 2" means the second paper of whatever they saw last, on any instance,
/// and /forget-me removes it with the rest. A number past the list, or with no list, is an error that
/// says so rather than a search for a paper titled "9".
/// </summary>
public sealed class ShownLists(FrontEndState state)
{
    /// <summary>Numbers up to this are list numbers; no list shows more.</summary>
    public const int MaxNumber = 25;

    public void Remember(string userId, string what, IEnumerable<string> paperIds)
    {
        var ids = paperIds.Take(MaxNumber).ToList();
        if (ids.Count > 0)
        {
            state.Set(Key(userId), what + "\n" + string.Join(' ', ids), userId);
        }
    }

    /// <summary>The paper a reference means: a list number resolved against the last list, anything else as typed (an id or a title).</summary>
    public PaperReference Resolve(string userId, string text)
    {
        var trimmed = text.Trim().TrimStart('#');
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxNumber)
        {
            return new PaperReference(text.Trim(), null, null);
        }
        var stored = state.Get(Key(userId))?.Split('\n', 2);
        var ids = stored is [_, var list] ? list.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (number > ids.Length)
        {
            return new PaperReference(null, null, ids.Length == 0
                ? $"There is no paper {number} to refer to: numbers mean the papers of your last /search, /recommend or /library."
                : $"There is no paper {number}: your last list ({stored![0]}) showed {ids.Length}.");
        }
        return new PaperReference(ids[number - 1], $"paper {number} of your last {stored![0]}", null);
    }

    private static string Key(string userId) => "shown-list:" + userId;
}

/// <summary>What a typed paper reference resolved to: an id or title to look up (and what a number meant), or an error.</summary>
public sealed record PaperReference(string? IdOrTitle, string? Meaning, string? Error);
