using System.Text;
using Bot.Llm;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>A follow-up made standalone, and what the rewrite cost.</summary>
public sealed record RewrittenQuery(string Query, long TokensUsed);

/// <summary>
/// Turns a follow-up ("what about the second one?") into a standalone search query with the model,
/// from <c>prompts/query-rewrite</c> and the conversation's previous question, answer and
/// numbered sources. A reply that is empty or leaks is ignored in favour of the follow-up itself.
/// </summary>
public sealed class QueryRewriter(Kernel kernel, PromptLibrary prompts, IOptions<LlmOptions> options)
{
    public const string PromptName = "query-rewrite";
    private const int MaxQueryLength = 300;

    public async Task<RewrittenQuery> RewriteAsync(Exchange previous, string followUp, CancellationToken cancellationToken)
    {
        // The prompt's file sets its own length and temperature (a query is short and should not vary).
        var arguments = prompts.Arguments(PromptName, new Dictionary<string, string>
        {
            ["history"] = History(previous),
            ["question"] = followUp,
        }, options.Value.MaxAnswerTokens, options.Value.Temperature);
        var (text, tokens) = await prompts.CompleteAsync(kernel, PromptName, arguments, cancellationToken);
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        line = line.Trim('"', '\'', '`', ' ');
        var leaks = new AnswerGuard(prompts.Text(PromptName), options.Value.ApiKey).Leaks(line);
        return new RewrittenQuery(line.Length == 0 || leaks ? followUp : line[..Math.Min(line.Length, MaxQueryLength)], tokens);
    }

    internal static string History(Exchange previous)
    {
        var history = new StringBuilder()
            .Append("User: ").AppendLine(previous.Question)
            .Append("Assistant: ").AppendLine(previous.Answer);
        if (previous.Sources.Count > 0)
        {
            history.AppendLine("Sources of that answer:");
            foreach (var source in previous.Sources)
            {
                history.Append('[').Append(source.Number).Append("] ").AppendLine(source.Title);
            }
        }
        return history.ToString().TrimEnd();
    }
}
