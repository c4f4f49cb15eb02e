using Bot.Answers;

namespace Bot.Commands;

/// <summary>
/// What a search result shows under its title: the abstract's sentence that shares the most of the
/// query's words (its first sentence, usually background, only when none does), and how much of the
/// query the paper's text covers at all, to tell a real match from a near miss.
/// </summary>
public static class ResultLine
{
    public static string Of(string query, string abstractText)
    {
        var terms = AnswerTerms.From(query).ToHashSet(StringComparer.Ordinal);
        var best = SentenceSplitter.Split(abstractText)
            .Select((s, i) => (s.Text, Shared: AnswerTerms.From(s.Text).Where(terms.Contains).Distinct().Count(), Index: i))
            .Where(s => s.Shared > 0)
            .OrderByDescending(s => s.Shared).ThenBy(s => s.Index)
            .FirstOrDefault();
        return Gist.Of(best.Text ?? abstractText);
    }

    /// <summary>
    /// The query's words (as typed) found together in the title or in one sentence of the abstract, the
    /// most of them any one holds, and how many content words the query has. Words scattered over an
    /// abstract ("augmented" here, "generation" there) are not the concept the query names.
    /// </summary>
    public static (IReadOnlyList<string> Found, int Of) Coverage(string query, string title, string abstractText)
    {
        var words = Search.QueryTerms.Words(query).Where(w => !Search.QueryTerms.IsStopWord(w))
            .DistinctBy(AnswerTerms.Stem, StringComparer.Ordinal).ToList();
        IReadOnlyList<string> best = [];
        foreach (var passage in SentenceSplitter.Split(abstractText).Select(s => s.Text).Prepend(title))
        {
            var stems = AnswerTerms.From(passage).ToHashSet(StringComparer.Ordinal);
            var found = words.Where(w => stems.Contains(AnswerTerms.Stem(w))).ToList();
            if (found.Count > best.Count)
            {
                best = found;
            }
        }
        return (best, words.Count);
    }
}
