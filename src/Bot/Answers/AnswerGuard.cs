using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>
/// Catches model output that leaks what it must not: the API key (or any ten-character stretch of
/// it, also spelled out with spaces, dashes or citations between its letters), or the prompt's own
/// instructions quoted back (any run of eight words of the template's own text, placeholders
/// excepted). The whole answer is one run of words: a quote cut into short sentences, each with its
/// own [1], is still eight words in a row, and every sentence that carries part of it goes. Text is
/// compared after NFKC normalisation with invisible format characters, citation markers, bare numbers,
/// case and punctuation set aside, so full-width letters, zero-width joiners, markdown or an
/// interleaved [2] do not hide a quote. Hostile paper text can ask a model to do both.
/// </summary>
public sealed partial class AnswerGuard
{
    internal const int ShingleWords = 8;
    internal const int KeyWindow = 10;

    public AnswerGuard(string templateText, string? secret)
    {
        // The template's own words, between its variables (whose values are paper and user text) and message tags.
        foreach (var fragment in Placeholder().Split(templateText))
        {
            var words = Words(fragment);
            for (var i = 0; i + ShingleWords <= words.Count; i++)
            {
                InstructionShingles.Add(string.Join(' ', words.Skip(i).Take(ShingleWords)));
                for (var length = 1; length < ShingleWords; length++)
                {
                    InstructionPrefixes.Add(string.Join(' ', words.Skip(i).Take(length)));
                }
            }
        }
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 6)
        {
            for (var i = 0; i + Math.Min(KeyWindow, secret.Length) <= secret.Length; i++)
            {
                SecretWindows.Add(secret.Substring(i, Math.Min(KeyWindow, secret.Length)));
            }
            var compact = Compact(secret);
            for (var i = 0; i + KeyWindow <= compact.Length; i++)
            {
                CompactSecretWindows.Add(compact.Substring(i, KeyWindow));
                for (var length = 1; length < KeyWindow; length++)
                {
                    SecretPrefixes.Add(compact.Substring(i, length));
                }
            }
        }
    }

    internal HashSet<string> InstructionShingles { get; } = new(StringComparer.Ordinal);

    /// <summary>The first one to seven words of every shingle: a text ending in one of these may be starting a quote.</summary>
    internal HashSet<string> InstructionPrefixes { get; } = new(StringComparer.Ordinal);

    internal List<string> SecretWindows { get; } = [];

    /// <summary>The first one to nine characters of every compact key window.</summary>
    internal HashSet<string> SecretPrefixes { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> CompactSecretWindows { get; } = new(StringComparer.Ordinal);

    /// <summary>A scan of one answer, sentence by sentence as it is written.</summary>
    public LeakScan Start() => new(this);

    /// <summary>Whether any part of the text leaks.</summary>
    public bool Leaks(string text)
    {
        var scan = Start();
        foreach (var sentence in Sentences(text))
        {
            scan.Add(sentence.Text);
        }
        scan.End();
        return Enumerable.Range(0, scan.Count).Any(scan.Leaking);
    }

    /// <summary>The text without its leaking sentences, line structure kept.</summary>
    public string Clean(string text)
    {
        var sentences = Sentences(text);
        var scan = Start();
        foreach (var sentence in sentences)
        {
            scan.Add(sentence.Text);
        }
        scan.End();
        return string.Join('\n', sentences.Select((s, i) => (s.Line, s.Text, Leaking: scan.Leaking(i)))
            .Where(s => !s.Leaking)
            .GroupBy(s => s.Line)
            .Select(line => string.Join(' ', line.Select(s => s.Text))));
    }

    private static List<(int Line, string Text)> Sentences(string text) =>
        [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .SelectMany((line, number) => SentenceSplitter.Split(line).Select(s => (number, s.Text)))];

    internal static string Normalise(string text) => new([.. text.Normalize(System.Text.NormalizationForm.FormKC)
        .Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]);

    /// <summary>Letters and digits only, lower case, citation markers gone: the key however it is spaced, punctuated or cited.</summary>
    internal static string Compact(string text) => new([.. CitationValidator.WithoutMarkers(text, " ").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>The words that count towards a quote: lower case, without citation markers or bare numbers (a model may sprinkle either through a quote).</summary>
    internal static List<string> Words(string text) =>
        [.. Word().Matches(CitationValidator.WithoutMarkers(text, " ").ToLowerInvariant()).Select(m => m.Value).Where(w => !w.All(char.IsDigit))];

    [GeneratedRegex(@"\{\{\s*\$?[A-Za-z_][A-Za-z0-9_]*\s*\}\}|</?message\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
