using System.Globalization;
using Bot.Commands;

namespace Bot.Console;

/// <summary>
/// A line typed at the console, read the way Discord presents a slash command: the command name,
/// free text, and <c>name:value</c> options (<c>/search diffusion limit:5 since:2024-05-01</c>).
/// </summary>
public sealed record ConsoleCommandLine(string Name, string Text, IReadOnlyDictionary<string, string> Options, string? Question = null)
{
    private static readonly string[] KnownOptions = ["limit", "since", "until", "digest"];

    public static ConsoleCommandLine Parse(string line)
    {
        var trimmed = line.Trim();
        var space = trimmed.IndexOf(' ');
        var name = (space < 0 ? trimmed : trimmed[..space]).TrimStart('/').ToLowerInvariant();
        var rest = space < 0 ? "" : trimmed[(space + 1)..];
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var words = new List<string>();
        foreach (var word in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = word.IndexOf(':');
            if (colon > 0 && KnownOptions.Contains(word[..colon], StringComparer.OrdinalIgnoreCase))
            {
                options[word[..colon]] = word[(colon + 1)..];
            }
            else
            {
                words.Add(word);
            }
        }
        // Typed without a slash, the line may be a question rather than a command ("status" is still one).
        return new ConsoleCommandLine(name, string.Join(' ', words), options, trimmed.StartsWith('/') ? null : trimmed);
    }

    public bool TryGetInt(string option, int fallback, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (!Options.TryGetValue(option, out var text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        error = $"{option} must be a whole number, not \"{text}\".";
        return false;
    }

    public bool TryGetDate(string option, out DateOnly? value, out string? error) =>
        DateOption.TryParse(option, Options.GetValueOrDefault(option), out value, out error);
}
