using System.Text;

namespace Bot.Search;

/// <summary>
/// Splits a user's query into the words BM25 should match: letters and digits only (so no FTS5 syntax
/// in a query can reach the engine), lower-cased, without English function words.
/// </summary>
public static class QueryTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "get", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
        "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
        "whom", "why", "will", "with", "would", "you", "your", "yours", "paper", "papers", "anything", "something",
        "without", "any", "way", "ways", "want", "looking", "find", "show", "give", "work", "works", "using", "use",
    };

    public static IReadOnlyList<string> From(string query)
    {
        var words = Words(query);
        var content = words.Where(w => !StopWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        return content.Count > 0 ? content : words.Distinct(StringComparer.Ordinal).ToList();
    }

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>Every word of the text, in order, with repeats: runs of letters and digits, lower-cased.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in UserText.Normalised(text).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>An FTS5 MATCH expression: each term quoted (so it is a plain token), any term may match.</summary>
    public static string ToMatchExpression(IEnumerable<string> terms) =>
        string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
