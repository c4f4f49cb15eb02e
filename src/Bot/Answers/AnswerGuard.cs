using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Catches model output that leaks what it must not: the API key (or any ten-character stretch of
/// it, also spelled out with spaces or dashes between its letters), or the prompt's own instructions
/// quoted back (any run of eight words of the template's own text, placeholders excepted). Text is
/// compared after NFKC normalisation with invisible format characters removed, so full-width letters
/// or zero-width joiners do not hide a quote. Hostile paper text can ask a model to do both; the
/// sentence that does is dropped, whatever the model was persuaded to write.
/// </summary>
public sealed partial class AnswerGuard
{
    private const int ShingleWords = 8;
    private const int KeyWindow = 10;

    private readonly HashSet<string> _instructionShingles = new(StringComparer.Ordinal);
    private readonly List<string> _secretWindows = [];
    private readonly List<string> _compactSecretWindows = [];

    public AnswerGuard(string templateText, string? secret)
    {
        // The template's own words, between its variables (whose values are paper and user text) and message tags.
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
            var compact = Compact(secret);
            for (var i = 0; i + KeyWindow <= compact.Length; i++)
            {
                _compactSecretWindows.Add(compact.Substring(i, KeyWindow));
            }
        }
    }

    public bool Leaks(string text)
    {
        text = Normalise(text);
        if (_secretWindows.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (_compactSecretWindows.Count > 0 && Compact(text) is var compact && _compactSecretWindows.Any(w => compact.Contains(w, StringComparison.Ordinal)))
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

    private static string Normalise(string text) => new([.. text.Normalize(System.Text.NormalizationForm.FormKC)
        .Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]);

    /// <summary>Letters and digits only, lower case: the key however it is spaced or punctuated.</summary>
    private static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static List<string> Words(string text) => [.. Word().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"\{\{\s*\$?[A-Za-z_][A-Za-z0-9_]*\s*\}\}|</?message\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
