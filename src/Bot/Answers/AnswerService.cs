using System.Runtime.CompilerServices;
using Bot.Llm;
using Bot.Store;
using Microsoft.Extensions.Logging;

namespace Bot.Answers;

/// <summary>
/// Answers a question in its conversation. A follow-up resolves against the conversation's previous
/// answer ("the second one" is that answer's source [2]; with a language model the question is also
/// rewritten as a standalone query). With a model configured and budget left, the answer is the
/// model's, streamed and validated; when the budget is spent or the endpoint fails, the extractive
/// answer says why it stands in. Every final answer becomes the conversation's previous one.
/// </summary>
public sealed partial class AnswerService(
    ExtractiveAnswerer extractive,
    ConversationStore conversations,
    TokenBudget budget,
    TimeProvider clock,
    LanguageModel model,
    LlmAnswerer llm,
    QueryRewriter rewriter,
    ILogger<AnswerService> logger)
{
    /// <summary>A previous answer older than this is no longer what "the second one" means.</summary>
    public static readonly TimeSpan MemorySpan = TimeSpan.FromHours(1);

    public bool UsesLanguageModel => model.IsConfigured;

    public Task<Answer> AnswerAsync(string question, Asker asker, CancellationToken cancellationToken) =>
        StreamAsync(question, asker, cancellationToken).FinalAsync();

    /// <summary>The answer as it is written; the last update carries the final answer.</summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, Asker asker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previous = conversations.Last(asker.ConversationId) is { } last && clock.GetUtcNow() - last.At <= MemorySpan ? last : null;
        var reference = previous is null ? null : FollowUps.SourceReference(question, previous.Sources.Count);
        var pinned = reference is { } n ? previous!.Sources[n - 1].PaperId : null;
        if (reference is null && FollowUps.IsBareReference(question))
        {
            // "The second one" with no earlier answer, or "[7]" after an answer with three sources: say so
            // rather than search for the words left over and answer something unrelated.
            var count = previous?.Sources.Count ?? 0;
            yield return AnswerUpdate.Finished(new Answer(count == 0
                ? "There is no earlier answer here to refer to (I remember answers for an hour). Please ask the whole question."
                : $"The last answer had only {count} source{(count == 1 ? "" : "s")}: ask about {(count == 1 ? "[1]" : $"[1] to [{count}]")}, or ask a new question.",
                [], false, null));
            yield break;
        }
        var query = question;
        Answer? final = null;
        AnswerUpdate? finished = null;
        string? fallbackNote = null;

        var reservation = model.IsConfigured ? budget.Reserve(asker.UserId, asker.GuildId) : null;
        if (reservation?.Refusal is { } refusal)
        {
            fallbackNote = refusal + " Here are the most relevant sentences from the papers instead.";
        }
        else if (reservation is not null)
        {
            long tokens = 0;
            try
            {
                IAsyncEnumerable<StreamStep<AnswerUpdate>>? steps = null;
                try
                {
                    if (previous is not null && FollowUps.IsFollowUp(question))
                    {
                        var rewritten = await rewriter.RewriteAsync(previous, question, cancellationToken);
                        tokens += rewritten.TokensUsed;
                        query = rewritten.Query;
                        LogRewritten(reference);
                    }
                    steps = llm.StreamAsync(query, pinned, cancellationToken).Catching(exception => exception is LanguageModelException, cancellationToken);
                }
                catch (LanguageModelException exception)
                {
                    fallbackNote = Unavailable(exception);
                    tokens += exception.TokensUsed;
                }
                await foreach (var step in steps ?? AsyncEnumerable.Empty<StreamStep<AnswerUpdate>>())
                {
                    if (step.Failure is LanguageModelException exception)
                    {
                        fallbackNote = Unavailable(exception);
                        tokens += exception.TokensUsed;
                        break;
                    }
                    if (step.Item.Final is { } answer)
                    {
                        final = answer;
                        finished = step.Item;
                        tokens += step.Item.TokensUsed;
                    }
                    else
                    {
                        yield return step.Item;
                    }
                }
            }
            finally
            {
                // Also when the caller stops listening or cancels: the reservation becomes what was spent.
                budget.Settle(reservation, tokens);
            }
        }

        if (final is null)
        {
            if (pinned is not null && query == question)
            {
                // Without a rewrite, "what about the second one?" searches the previous question within that paper.
                var rest = FollowUps.WithoutReference(question);
                query = AnswerTerms.From(rest).Count >= 2 ? rest : $"{previous!.Question} {rest}";
            }
            final = await extractive.AnswerAsync(query, cancellationToken, pinned);
            if (fallbackNote is not null)
            {
                final = final with { Note = fallbackNote };
            }
        }
        // An answer about one of the last answer's sources does not replace that answer: "the first one"
        // after "the third one" still means the first of the list the user saw.
        if (final.Sources.Count > 0 && pinned is null)
        {
            conversations.Save(asker.ConversationId, asker.UserId, query, final);
        }
        // What the model's answer cost and the lookups it made travel with it (the evaluation reports them).
        yield return AnswerUpdate.Finished(final, finished?.TokensUsed ?? 0) with { ToolRounds = finished?.ToolRounds ?? 0, ToolCalls = finished?.ToolCalls ?? 0 };
    }

    private string Unavailable(LanguageModelException exception)
    {
        LogFellBack(exception.Reason);
        return exception.Misbehaved
            ? $"The language model did not answer ({exception.Reason}); these are the most relevant sentences from the papers instead."
            : $"The language model is unavailable ({exception.Reason}); these are the most relevant sentences from the papers instead.";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Follow-up rewritten against the previous answer (source reference {Reference})")]
    private partial void LogRewritten(int? reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering extractively: the language model failed ({Reason})")]
    private partial void LogFellBack(string reason);
}
