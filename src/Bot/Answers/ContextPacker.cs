using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Llm;
using Bot.Store;

namespace Bot.Answers;

/// <summary>The papers an answer may cite, numbered from 1 in the order given, as the prompt shows them.</summary>
public sealed record PackedSources(string Text, IReadOnlyList<StoredPaper> Papers, int EstimatedTokens);

/// <summary>
/// Fits retrieved papers into the prompt's token budget, most relevant first: each paper is a
/// delimited block (<c>&lt;paper number="n"&gt;</c> … <c>&lt;/paper&gt;</c>) with its title and as many
/// whole sentences of its abstract as still fit. Paper text is data: any delimiter tag inside it is
/// removed, so an abstract cannot close its block and speak as the prompt.
/// </summary>
public static partial class ContextPacker
{
    public static PackedSources Pack(IReadOnlyList<StoredPaper> ranked, int tokenBudget)
    {
        var text = new StringBuilder();
        var papers = new List<StoredPaper>();
        var used = 0;
        foreach (var paper in ranked)
        {
            var head = $"<paper number=\"{papers.Count + 1}\">\nTitle: {Clean(paper.Title)}\nAbstract:";
            const string tail = "\n</paper>\n";
            var cost = TokenEstimate.Of(head) + TokenEstimate.Of(tail);
            var body = new StringBuilder();
            foreach (var sentence in SentenceSplitter.Split(Clean(paper.Abstract)))
            {
                var sentenceCost = TokenEstimate.Of(" " + sentence.Text);
                if (used + cost + sentenceCost > tokenBudget)
                {
                    break;
                }
                body.Append(' ').Append(sentence.Text);
                cost += sentenceCost;
            }
            // A paper without one sentence of its abstract is not worth a number; the rest are less relevant still.
            if (used + cost > tokenBudget || (body.Length == 0 && paper.Abstract.Length > 0))
            {
                break;
            }
            text.Append(head).Append(body).Append(tail);
            papers.Add(paper);
            used += cost;
        }
        return new PackedSources(text.ToString().TrimEnd(), papers, used);
    }

    /// <summary>
    /// One paper as a numbered block: its title, <paramref name="details"/> lines, and whole sentences of
    /// its abstract up to about <paramref name="abstractTokens"/> (at least the first one).
    /// </summary>
    public static string Block(int number, StoredPaper paper, int abstractTokens, IEnumerable<string>? details = null)
    {
        var block = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<paper number=\"{number}\">\nTitle: {Clean(paper.Title)}\n");
        foreach (var line in details ?? [])
        {
            block.Append(Clean(line)).Append('\n');
        }
        block.Append("Abstract:");
        var used = 0;
        foreach (var sentence in SentenceSplitter.Split(Clean(paper.Abstract)))
        {
            var cost = TokenEstimate.Of(" " + sentence.Text);
            if (used > 0 && used + cost > abstractTokens)
            {
                block.Append(" …");
                break;
            }
            block.Append(' ').Append(sentence.Text);
            used += cost;
        }
        return block.Append("\n</paper>").ToString();
    }

    /// <summary>Text without any delimiter tag (<c>&lt;paper&gt;</c>, <c>&lt;papers&gt;</c>), so it cannot close its block.</summary>
    internal static string Clean(string text) => DelimiterTag().Replace(text, " ").Trim();

    [GeneratedRegex(@"<\s*/?\s*papers?\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DelimiterTag();
}
