using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Llm;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>
/// Answers a question with the language model through Semantic Kernel: hybrid retrieval first (as the
/// extractive answerer does), the papers packed under the token budget into <c>prompts/answer</c>, and
/// the papers plugin offered so the model can look up more (bounded by <see cref="ToolRoundLimit"/>).
/// Every paper shown to the model, retrieved or returned by a tool, is numbered in the answer's
/// <see cref="ToolSession"/>; the reply is streamed and validated as it arrives against exactly those
/// papers (<see cref="AnswerValidation"/>) before anyone sees it. An answer left with no valid citation
/// is the "no good match" answer; one that runs past <see cref="LlmOptions.MaxAnswerSeconds"/> or
/// <see cref="LlmOptions.MaxAnswerCharacters"/> is cut off and counts as a failure of the model.
/// </summary>
public sealed partial class LlmAnswerer(
    LanguageModel model,
    Kernel kernel,
    SearchService search,
    PaperStore store,
    PromptLibrary prompts,
    IOptions<LlmOptions> llmOptions,
    IOptions<AnswerOptions> answerOptions,
    TimeProvider clock,
    ILogger<LlmAnswerer> logger)
{
    public const string PromptName = "answer";

    /// <summary>The answer, step by step; the last update carries the final <see cref="Answer"/>. Throws <see cref="LanguageModelException"/> when the endpoint fails.</summary>
    /// <param name="pinnedPaperId">A paper the question is known to be about (a follow-up's "the second one"): numbered first.</param>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, string? pinnedPaperId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = llmOptions.Value;
        var usesTools = settings.MaxToolRounds > 0 && prompts.UsesTools(PromptName);
        var papers = await RetrieveAsync(question, pinnedPaperId, cancellationToken);
        var packed = ContextPacker.Pack(papers, settings.ContextTokenBudget);
        if (packed.Papers.Count == 0)
        {
            // Nothing in the library shares the question's words or meaning: no model is asked (and paid) to say so.
            yield return AnswerUpdate.Finished(NoMatch());
            yield break;
        }
        var session = new ToolSession(usesTools ? settings.MaxToolRounds : 0, settings.MaxPapersPerToolCall, settings.MaxTokensPerAnswer);
        foreach (var paper in packed.Papers)
        {
            session.Number(paper);
        }
        var arguments = prompts.Arguments(PromptName, new Dictionary<string, string>
        {
            ["sources"] = packed.Text,
            ["question"] = question,
            ["max_words"] = MaxWords(settings.MaxAnswerTokens).ToString(CultureInfo.InvariantCulture),
            ["max_lookups"] = session.MaxRounds.ToString(CultureInfo.InvariantCulture),
        }, settings.MaxAnswerTokens, settings.Temperature);
        if (!usesTools)
        {
            arguments.ExecutionSettings![PromptExecutionSettings.DefaultServiceId].FunctionChoiceBehavior = null;
        }
        var requestKernel = kernel.Clone();
        session.AttachTo(requestKernel);
        var guard = new AnswerGuard(prompts.Text(PromptName), settings.ApiKey);
        var promptTokens = TokenEstimate.Of(prompts.Text(PromptName)) + TokenEstimate.Of(packed.Text) + TokenEstimate.Of(question);
        session.AddEstimated(promptTokens);
        // Made when a round's text begins, after that round's lookups have numbered their papers.
        AnswerValidation? validation = null;
        var shown = "";
        IReadOnlyList<Citation> shownSources = [];
        long round = 0;
        long received = 0;
        // However the model behaves, an answer ends: a stream that never stops, or keeps the connection
        // alive with empty pieces, is cut after MaxAnswerSeconds or MaxAnswerCharacters.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(settings.MaxAnswerSeconds), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await foreach (var step in Stream(requestKernel, arguments, linked.Token)
            .Catching(exception => exception is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            if (step.Failure is not null)
            {
                throw Overran($"it took longer than {settings.MaxAnswerSeconds} s", session, round);
            }
            var update = step.Item;
            if (update.Metadata?.TryGetValue("Usage", out var usage) == true && usage is UsageContent { Details.TotalTokenCount: { } total })
            {
                session.AddReported(total);
            }
            if (update.Items.OfType<StreamingFunctionCallUpdateContent>().FirstOrDefault() is { Name: { } function } call)
            {
                // Text written before a lookup is the model thinking aloud, not the answer; the next request resends everything.
                session.AddEstimated(Tokens(round) + promptTokens + session.ToolResultTokens);
                round = 0;
                validation = null;
                yield return new AnswerUpdate(shown, shownSources, Status: PapersPlugin.Describe(function, call.Arguments));
                continue;
            }
            if (string.IsNullOrEmpty(update.Content))
            {
                continue;
            }
            round += update.Content.Length;
            received += update.Content.Length;
            if (received > settings.MaxAnswerCharacters)
            {
                throw Overran($"it wrote more than {settings.MaxAnswerCharacters} characters", session, round);
            }
            validation ??= new AnswerValidation(session.Papers, guard);
            if (validation.Append(update.Content))
            {
                var partial = validation.Current;
                shown = partial.Text;
                shownSources = partial.Sources;
                yield return new AnswerUpdate(partial.Text, partial.Sources);
            }
        }
        session.AddEstimated(Tokens(round));
        if (session.Cut)
        {
            throw new LanguageModelException("it kept looking papers up after it was told to answer") { Misbehaved = true, TokensUsed = session.Spent };
        }
        var validated = (validation ?? new AnswerValidation(session.Papers, guard)).Complete();
        LogAnswered(packed.Papers.Count, session.Papers.Count, session.Calls, session.Rounds, validated.Sources.Count, session.Spent, session.ReportedTokens > 0);
        var final = validated.Sources.Count == 0
            ? NoMatch()
            : new Answer(validated.Text, validated.Sources, FromLanguageModel: true, Note: $"Written by {model.ModelId} from the cited papers.");
        yield return AnswerUpdate.Finished(final, session.Spent) with { ToolRounds = session.Rounds, ToolCalls = session.Calls };
    }

    private IAsyncEnumerable<StreamingChatMessageContent> Stream(Kernel requestKernel, KernelArguments arguments, CancellationToken cancellationToken) =>
        prompts.Function(PromptName).InvokeStreamingAsync<StreamingChatMessageContent>(requestKernel, arguments, cancellationToken);

    private static long Tokens(long characters) => (characters + TokenEstimate.CharactersPerToken - 1) / TokenEstimate.CharactersPerToken;

    /// <summary>The answer ran past a cap: what it cost so far is still charged.</summary>
    private static LanguageModelException Overran(string reason, ToolSession session, long characters)
    {
        session.AddEstimated(Tokens(characters));
        return new LanguageModelException(reason) { Misbehaved = true, TokensUsed = session.Spent };
    }

    // About three words for every four tokens of English.
    internal static int MaxWords(int tokens) => Math.Max(10, tokens * 3 / 4);

    private static Answer NoMatch() => new(ExtractiveAnswerer.NoMatch, [], FromLanguageModel: true, Note: null);

    private async Task<IReadOnlyList<StoredPaper>> RetrieveAsync(string question, string? pinnedPaperId, CancellationToken cancellationToken)
    {
        var ranked = string.IsNullOrWhiteSpace(question)
            ? []
            : await search.RankAsync(question, search.DefaultMode, answerOptions.Value.Papers, SearchFilters.None, cancellationToken);
        var papers = store.GetPapers(ranked.Select(r => r.RowId).ToList()).ToList();
        if (pinnedPaperId is not null && store.FindPaper(pinnedPaperId) is { } pinned)
        {
            papers.RemoveAll(p => p.Id == pinned.Id);
            papers.Insert(0, pinned);
        }
        return papers;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM answer: {Retrieved} papers retrieved, {Shown} shown in all, {Calls} tool calls in {Rounds} rounds, {Cited} cited, {Tokens} tokens ({Reported} = reported by the server)")]
    private partial void LogAnswered(int retrieved, int shown, int calls, int rounds, int cited, long tokens, bool reported);
}
