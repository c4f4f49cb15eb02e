using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Bot.Answers;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary>
/// Answers a question with the language model: hybrid retrieval (as the extractive answerer does),
/// the papers packed under the token budget, the prompt rendered from <c>prompts/answer.md</c>, the
/// reply streamed, and every step's text validated (<see cref="CitationValidator"/>) before anyone
/// sees it. An answer left with no valid citation is the "no good match" answer.
/// </summary>
public sealed partial class LlmAnswerer(
    LanguageModel model,
    SearchService search,
    PaperStore store,
    PromptLibrary prompts,
    IOptions<LlmOptions> llmOptions,
    IOptions<AnswerOptions> answerOptions,
    ILogger<LlmAnswerer> logger)
{
    public const string PromptName = "answer";

    /// <summary>The answer, step by step; the last update carries the final <see cref="Answer"/>. Throws <see cref="LanguageModelException"/> when the endpoint fails.</summary>
    /// <param name="pinnedPaperId">A paper the question is known to be about (a follow-up's "the second one"): numbered first.</param>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(string question, string? pinnedPaperId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = llmOptions.Value;
        var papers = await RetrieveAsync(question, pinnedPaperId, cancellationToken);
        var packed = ContextPacker.Pack(papers, settings.ContextTokenBudget);
        if (packed.Papers.Count == 0)
        {
            yield return AnswerUpdate.Finished(NoMatch());
            yield break;
        }
        var prompt = prompts.RenderParts(PromptName, new Dictionary<string, string>
        {
            ["sources"] = packed.Text,
            ["question"] = question,
            ["max_words"] = MaxWords(settings.MaxAnswerTokens).ToString(CultureInfo.InvariantCulture),
        });
        var guard = new AnswerGuard(prompts.Text(PromptName), settings.ApiKey);
        var raw = new StringBuilder();
        long? reported = null;
        var shown = "";
        await foreach (var update in model.Required.GetStreamingResponseAsync(PromptMessages.For(prompt), ChatOptionsFor(settings), cancellationToken))
        {
            raw.Append(update.Text);
            reported = update.Contents.OfType<UsageContent>().Select(u => u.Details.TotalTokenCount).FirstOrDefault(t => t is not null) ?? reported;
            var partial = CitationValidator.Validate(CompleteSentences(raw.ToString()), packed.Papers, guard);
            if (partial.Text != shown)
            {
                shown = partial.Text;
                yield return new AnswerUpdate(partial.Text, partial.Sources);
            }
        }
        var validated = CitationValidator.Validate(raw.ToString(), packed.Papers, guard);
        var tokens = reported ?? TokenEstimate.Of(prompt.Text) + TokenEstimate.Of(raw.ToString());
        LogAnswered(packed.Papers.Count, packed.EstimatedTokens, validated.Sources.Count, tokens, reported is not null);
        yield return AnswerUpdate.Finished(validated.Sources.Count == 0
            ? NoMatch()
            : new Answer(validated.Text, validated.Sources, FromLanguageModel: true, Note: $"Written by {model.ModelId} from the cited papers."), tokens);
    }

    internal static ChatOptions ChatOptionsFor(LlmOptions settings) => new()
    {
        MaxOutputTokens = settings.MaxAnswerTokens,
        Temperature = (float)settings.Temperature,
    };

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

    /// <summary>The text up to the start of its last sentence, which may still be growing.</summary>
    private static string CompleteSentences(string text)
    {
        var cut = text.LastIndexOf('\n');
        var sentences = SentenceSplitter.Split(text[(cut + 1)..]);
        return sentences.Count <= 1 ? text[..(cut + 1)] : text[..(cut + 1 + sentences[^1].Start)];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM answer: {Papers} papers packed (~{ContextTokens} tokens), {Cited} cited, {Tokens} tokens ({Reported} = reported by the server)")]
    private partial void LogAnswered(int papers, int contextTokens, int cited, long tokens, bool reported);
}
