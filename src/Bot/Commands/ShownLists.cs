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

    /// <param name="firstNumber">The number the list showed its first paper with (a later page goes on counting).</param>
    public void Remember(string userId, string what, IEnumerable<string> paperIds, int firstNumber = 1)
    {
        var ids = paperIds.Take(MaxNumber).ToList();
        if (ids.Count > 0)
        {
            state.Set(Key(userId), $"{what}\n{firstNumber.ToString(CultureInfo.InvariantCulture)}\n{string.Join(' ', ids)}", userId);
        }
    }

    /// <summary>The paper a reference means: a list number resolved against the last list, anything else as typed (an id or a title).</summary>
    public PaperReference Resolve(string userId, string text)
    {
        var trimmed = text.Trim().TrimStart('#');
        var stored = state.Get(Key(userId))?.Split('\n', 3);
        var (what, first, ids) = stored is [var w, var f, var list] && int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (w, n, list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            : ("", 1, []);
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number >= first + MaxNumber)
        {
            return new PaperReference(text.Trim(), null, null);
        }
        if (number < first || number - first >= ids.Length)
        {
            return new PaperReference(null, null, ids.Length == 0
                ? $"There is no paper {number} to refer to: numbers mean the papers of your last /search, /recommend, /library or /latest."
                : $"There is no paper {number}: your last list ({what}) showed {(ids.Length == 1 ? $"paper {first}" : $"papers {first}-{first + ids.Length - 1}")}.");
        }
        return new PaperReference(ids[number - first], $"paper {number} of your last {what}", null);
    }

    private static string Key(string userId) => "shown-list:" + userId;
}

/// <summary>What a typed paper reference resolved to: an id or title to look up (and what a number meant), or an error.</summary>
public sealed record PaperReference(string? IdOrTitle, string? Meaning, string? Error);
