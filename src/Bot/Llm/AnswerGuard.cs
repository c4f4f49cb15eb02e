using System.Text.RegularExpressions;

namespace Bot.Llm;

/// <summary>
/// Catches model output that leaks what it must not: the API key (or any ten-character stretch of
/// it), or the prompt's own instructions quoted back (any run of eight words of the template's own
/// text, placeholders excepted). Hostile paper text can ask a model to do both; the sentence that
/// does is dropped, whatever the model was persuaded to write.
/// </summary>
public sealed partial class AnswerGuard
{
    private const int ShingleWords = 8;
    private const int KeyWindow = 10;

    private readonly HashSet<string> _instructionShingles = new(StringComparer.Ordinal);
    private readonly List<string> _secretWindows = [];

    public AnswerGuard(string templateText, string? secret)
    {
        // The template's own words, between its placeholders (whose values are paper and user text).
        foreach (var fragment in templateText.Split('\n').SelectMany(line => Placeholder().Split(line)))
        {
            var words = Words(fragment);
            for (var i = 0; i + ShingleWords <= words.Count; i++)
            {
                _instructionShingles.Add(string.Join(' ', words.Skip(i).Take(ShingleWords)));
            }
        }
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 6)
        {
            for (var i = 0; i + Math.Min(KeyWindow, secret.Length) <= secret.Length; i++)
            {
                _secretWindows.Add(secret.Substring(i, Math.Min(KeyWindow, secret.Length)));
            }
        }
    }

    public bool Leaks(string text)
    {
        if (_secretWindows.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var words = Words(text);
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            if (_instructionShingles.Contains(string.Join(' ', words.Skip(i).Take(ShingleWords))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text without its leaking sentences, line structure kept.</summary>
    public string Clean(string text) => string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
        .Select(line => string.Join(' ', Bot.Answers.SentenceSplitter.Split(line).Where(s => !Leaks(s.Text)).Select(s => s.Text)))
        .Where(line => line.Length > 0));

    private static List<string> Words(string text) => [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"\{\{[a-z_]+\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
