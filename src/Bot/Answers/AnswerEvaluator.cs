using System.Text.Json;
using Bot.Digests;
using Bot.Search;
using Bot.Store;

namespace Bot.Answers;

/// <summary>A question with the paper that answers it (exact title) and words a good answer contains.</summary>
public sealed record AnswerQuestion(string Id, string Question, string Paper, IReadOnlyList<string> Keywords);

/// <summary>
/// Share of questions whose first citation is the right paper, and whose text holds every keyword;
/// which answerer ran; with a language model, the tool rounds, tool calls and tokens an answer took on average.
/// </summary>
public sealed record AnswerMetrics(double CitedFirst, double Keywords, int Questions, string Mode = AnswerEvaluator.ExtractiveMode)
{
    public double ToolRounds { get; init; }

    public double ToolCalls { get; init; }

    public double Tokens { get; init; }
}

/// <summary>
/// Scores the answers over a question file such as <c>dev-questions.jsonl</c>: the language model's
/// (no budget, no conversation memory, no fallback: a failing endpoint fails the run) when one is
/// configured, the extractive answerer's otherwise.
/// </summary>
public sealed class AnswerEvaluator(ExtractiveAnswerer answerer, PaperStore store, Llm.LanguageModel model, LlmAnswerer llm)
{
    public const string ExtractiveMode = "extractive";
    public const string LanguageModelMode = "llm";

    public static IReadOnlyList<AnswerQuestion> Load(string path) =>
        EvaluationFile.Read(path, "{\"qid\", \"question\", \"paper\": \"<title>\", \"answer_keywords\": [...]}", (root, id) =>
        {
            var keywords = root.TryGetProperty("answer_keywords", out var list)
                ? list.EnumerateArray().Select(k => k.GetString() ?? "").ToList()
                : [];
            return new AnswerQuestion(id, root.GetProperty("question").GetString() ?? "", root.GetProperty("paper").GetString() ?? "", keywords);
        });

    public async Task<AnswerMetrics> EvaluateAsync(IReadOnlyList<AnswerQuestion> questions, CancellationToken cancellationToken)
    {
        var paperIds = Resolve(questions);
        int citedFirst = 0, keywords = 0;
        long rounds = 0, calls = 0, tokens = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            Answer answer;
            if (model.IsConfigured)
            {
                var last = await llm.StreamAsync(questions[i].Question, null, cancellationToken).LastAsync(cancellationToken);
                answer = last.Final ?? throw new InvalidOperationException("The answer stream ended without a final answer.");
                rounds += last.ToolRounds;
                calls += last.ToolCalls;
                tokens += last.TokensUsed;
            }
            else
            {
                answer = await answerer.AnswerAsync(questions[i].Question, cancellationToken);
            }
            if (answer.Sources.Count > 0 && answer.Sources[0].PaperId == paperIds[i])
            {
                citedFirst++;
            }
            if (questions[i].Keywords.All(k => answer.Text.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                keywords++;
            }
        }
        var n = Math.Max(1, questions.Count);
        return new AnswerMetrics((double)citedFirst / n, (double)keywords / n, questions.Count, model.IsConfigured ? LanguageModelMode : ExtractiveMode)
        {
            ToolRounds = (double)rounds / n,
            ToolCalls = (double)calls / n,
            Tokens = (double)tokens / n,
        };
    }

    // A title that matches nothing would score as a wrong answer; it is a data error, reported as one.
    private List<string> Resolve(IReadOnlyList<AnswerQuestion> questions)
    {
        var ids = new List<string>();
        var missing = new List<string>();
        foreach (var question in questions)
        {
            if (store.FindPaper(question.Paper) is { } paper && TitleKey.From(paper.Title) == TitleKey.From(question.Paper))
            {
                ids.Add(paper.Id);
            }
            else
            {
                missing.Add($"{question.Id}: \"{question.Paper}\"");
            }
        }
        if (missing.Count > 0)
        {
            throw new EvaluationDataException(
                $"{missing.Count} paper titles match no stored paper (ingest the digests they come from first): {string.Join("; ", missing.Take(10))}");
        }
        return ids;
    }
}
