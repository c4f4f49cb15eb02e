using System.Text;
using Bot.Answers;
using Bot.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary>A follow-up made standalone, and what the rewrite cost.</summary>
public sealed record RewrittenQuery(string Query, long TokensUsed);

/// <summary>
/// Turns a follow-up ("what about the second one?") into a standalone search query with the model,
/// from <c>prompts/query-rewrite.md</c> and the conversation's previous question, answer and
/// numbered sources. A reply that is empty or leaks is ignored in favour of the follow-up itself.
/// </summary>
public sealed class QueryRewriter(LanguageModel model, PromptLibrary prompts, IOptions<LlmOptions> options)
{
    public const string PromptName = "query-rewrite";
    private const int MaxQueryLength = 300;

    public async Task<RewrittenQuery> RewriteAsync(Exchange previous, string followUp, CancellationToken cancellationToken)
    {
        var prompt = prompts.RenderParts(PromptName, new Dictionary<string, string>
        {
            ["history"] = History(previous),
            ["question"] = followUp,
        });
        var response = await model.Required.GetResponseAsync(PromptMessages.For(prompt),
            new ChatOptions { MaxOutputTokens = 100, Temperature = 0 }, cancellationToken);
        var line = response.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        line = line.Trim('"', '\'', '`', ' ');
        var tokens = response.Usage?.TotalTokenCount ?? TokenEstimate.Of(prompt.Text) + TokenEstimate.Of(response.Text);
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
