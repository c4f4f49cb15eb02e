using Bot.Llm;
using Bot.Store;
using Microsoft.Extensions.Logging;

namespace Bot.Answers;

/// <summary>What the model summarised, or why the extractive summary stands in (null when no model is configured).</summary>
public sealed record SummaryOutcome(CachedSummary? Summary, string? FallbackNote, bool FromCache = false);

/// <summary>
/// Picks who summarises: the language model when one is configured and the asker has budget left
/// (a cached summary costs nothing and needs no budget), the extractive summary otherwise, with a
/// note saying why when a model exists but could not be used.
/// </summary>
public sealed partial class SummaryService(LanguageModel model, LlmSummarizer summarizer, TokenBudget budget, ILogger<SummaryService> logger)
{
    public Task<SummaryOutcome> PaperAsync(StoredPaper paper, Asker asker, CancellationToken cancellationToken) =>
        RunAsync(summarizer.CachedPaper(paper), asker, "key sentences", () => summarizer.PaperAsync(paper, cancellationToken));

    public Task<SummaryOutcome> DigestAsync(string digestId, IReadOnlyList<StoredPaper> papers, IReadOnlyList<DigestTheme> themes, Asker asker, CancellationToken cancellationToken) =>
        RunAsync(summarizer.CachedDigest(digestId), asker, "themes", () => summarizer.DigestAsync(digestId, papers, themes, cancellationToken));

    private async Task<SummaryOutcome> RunAsync(CachedSummary? cached, Asker asker, string instead, Func<Task<ModelSummary>> generate)
    {
        if (!model.IsConfigured)
        {
            return new SummaryOutcome(null, null);
        }
        if (cached is not null)
        {
            return new SummaryOutcome(cached, null, FromCache: true);
        }
        var reservation = budget.Reserve(asker.UserId, asker.GuildId);
        if (reservation.Refusal is { } refusal)
        {
            return new SummaryOutcome(null, $"{refusal} Here are the {instead} instead.");
        }
        ModelSummary? result = null;
        try
        {
            result = await generate();
            return result.Summary is null
                ? new SummaryOutcome(null, $"The language model's summary was unusable; here are the {instead} instead.")
                : new SummaryOutcome(result.Summary, null, result.FromCache);
        }
        catch (LanguageModelException exception)
        {
            LogFellBack(exception.Reason);
            return new SummaryOutcome(null, $"The language model is unavailable ({exception.Reason}); here are the {instead} instead.");
        }
        finally
        {
            budget.Settle(reservation, result?.TokensUsed ?? 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summarising extractively: the language model failed ({Reason})")]
    private partial void LogFellBack(string reason);
}
