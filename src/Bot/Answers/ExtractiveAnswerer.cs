using System.Numerics.Tensors;
using System.Text;
using Bot.Embeddings;
using Bot.Search;
using Bot.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Answers;

/// <summary>
/// Answers a question without a language model: retrieves the best papers, scores every sentence of
/// their abstracts against the question (BM25 over the sentences, the embedding cosine when a model is
/// configured, and a prior for the paper's retrieval rank), and quotes a few diverse ones, each cited.
/// </summary>
public sealed partial class ExtractiveAnswerer(
    SearchService search,
    PaperStore store,
    ActiveEmbeddingModel model,
    IOptions<AnswerOptions> options,
    ILogger<ExtractiveAnswerer> logger)
{
    public const string Note = "No language model is configured; these are the most relevant sentences from the papers.";
    public const string NoMatch = "The library has no good match for that question.";

    // Retrieval ranks whole abstracts and titles, more evidence than any one sentence holds, so the
    // first paper gets a head start that a clearly better sentence elsewhere can still overcome.
    private const double RankPrior = 0.25;
    private const double LexicalWeight = 0.6;

    // A background sentence shares the question's words (the field's terms) without answering it: it
    // keeps this share of its relevance, enough to stand in when nothing after it matches.
    private const double BackgroundShare = 0.6;

    /// <param name="pinnedPaperId">A paper the question is known to be about (a follow-up's "the second one"): the answer quotes it alone.</param>
    public async Task<Answer> AnswerAsync(string question, CancellationToken cancellationToken, string? pinnedPaperId = null)
    {
        var settings = options.Value;
        var mode = search.DefaultMode;
        List<StoredPaper> ordered;
        if (pinnedPaperId is not null && store.FindPaper(pinnedPaperId) is { } pinned)
        {
            ordered = [pinned];
        }
        else
        {
            var ranked = string.IsNullOrWhiteSpace(question)
                ? []
                : await search.RankAsync(question, mode, settings.Papers, SearchFilters.None, cancellationToken);
            ordered = [.. store.GetPapers(ranked.Select(r => r.RowId).ToList())];
        }

        var candidates = new List<CandidateSentence>();
        for (var rank = 0; rank < ordered.Count; rank++)
        {
            var sentences = SentenceSplitter.Split(ordered[rank].Abstract).Select(s => s.Text).ToList();
            var background = AbstractRoles.Background(sentences);
            for (var i = 0; i < sentences.Count; i++)
            {
                candidates.Add(new CandidateSentence(rank, sentences[i], AnswerTerms.From(sentences[i])) { IsBackground = background[i] });
            }
        }
        var questionWeights = SentenceBm25.Score(AnswerTerms.From(question), candidates);
        var embedded = model.Generator is not null && candidates.Count > 0;
        if (embedded)
        {
            await EmbedAsync(question, candidates, cancellationToken);
        }
        var maxLexical = candidates.Select(c => c.Lexical).DefaultIfEmpty(0).Max();
        foreach (var candidate in candidates)
        {
            var lexical = maxLexical > 0 ? candidate.Lexical / maxLexical : 0;
            var relevance = embedded ? LexicalWeight * lexical + (1 - LexicalWeight) * Math.Max(0, candidate.Cosine) : lexical;
            candidate.Relevance = (candidate.IsBackground ? BackgroundShare : 1) * relevance + RankPrior / (1 + candidate.PaperRank);
        }
        var eligible = candidates.Where(c => c.Lexical > 0 || (embedded && c.Cosine >= settings.MinCosine)).ToList();
        var notices = eligible.Where(c => AvailabilityNotice.Is(c.Text)).ToHashSet();
        if (notices.Count < eligible.Count && !AvailabilityNotice.AskedFor(question))
        {
            // "Code is available at …" shares the paper's words with the question but answers nothing asked.
            eligible.RemoveAll(notices.Contains);
        }
        LogAnswered(SearchModeNames.Name(mode), ordered.Count, candidates.Count, eligible.Count);
        if (eligible.Count == 0 && pinnedPaperId is not null && candidates.Count > 0)
        {
            // Asked about one paper by position, in words it does not use: its key sentences are the answer.
            var key = PaperSummarizer.KeySentences(ordered[0].Abstract, Math.Min(settings.MaxSentences, PaperSummarizer.DefaultSentences)).ToHashSet(StringComparer.Ordinal);
            eligible = candidates.Where(c => key.Contains(c.Text)).ToList();
        }
        if (eligible.Count == 0)
        {
            return new Answer(NoMatch, [], FromLanguageModel: false, Note: null);
        }
        var picked = MaximalMarginalRelevance.Select(eligible, minimum: Math.Min(2, settings.MaxSentences), settings.MaxSentences, questionWeights);
        var answer = Compose(ResultStatement.AskedFor(question) ? WithStatedResult(picked, candidates, settings.MaxSentences) : picked, ordered);
        // Sentences that share the question's other words are quoted only as what they are: the nearest text, not an answer.
        var missing = pinnedPaperId is null ? NamedTerms.MissingFrom(question, ordered.Select(p => p.Title + "\n" + p.Abstract)) : [];
        return missing.Count == 0 ? answer : answer with { Text = $"{NotMentioned(missing)} {answer.Text}" };
    }

    /// <summary>The answer's opening when the question names something none of the papers found mentions.</summary>
    public static string NotMentioned(IReadOnlyList<string> names) =>
        $"None of the papers found mentions {string.Join(" or ", names.Select(n => $"\"{n}\""))}; the nearest sentences, which may not answer the question:";

    // A question asking for a quantity ("how much faster", "what size") is answered by the sentence giving
    // the number, which holds the value rather than the question's words ("what size" against "774-million"),
    // so it may score below sentences that only repeat the question. When the lead's paper is quoted without
    // one, its most relevant sentence stating a number follows the lead. Only that paper's: every abstract
    // states numbers, and the question is about the paper the answer leads with.
    private static IReadOnlyList<CandidateSentence> WithStatedResult(IReadOnlyList<CandidateSentence> picked, IReadOnlyList<CandidateSentence> candidates, int maximum)
    {
        var subject = picked[0].PaperRank;
        bool StatesResult(CandidateSentence c) =>
            c.PaperRank == subject && !c.IsBackground && ResultStatement.Is(c.Text) && !AvailabilityNotice.Is(c.Text);
        if (picked.Any(StatesResult) || candidates.Where(StatesResult).MaxBy(c => c.Relevance) is not { } result)
        {
            return picked;
        }
        return [.. new[] { picked[0], result }.Concat(picked.Skip(1)).Take(maximum)];
    }

    private async Task EmbedAsync(string question, List<CandidateSentence> candidates, CancellationToken cancellationToken)
    {
        // The question is a query, the sentences are documents: retrieval models read the two differently.
        var questionVector = await model.EmbedQueryAsync(question, cancellationToken);
        var sentences = await model.EmbedDocumentsAsync([.. candidates.Select(c => c.Text)], cancellationToken);
        for (var i = 0; i < candidates.Count; i++)
        {
            var vector = sentences[i];
            candidates[i].Embedding = vector;
            candidates[i].Cosine = TensorPrimitives.CosineSimilarity(questionVector, vector);
        }
    }

    private static Answer Compose(IReadOnlyList<CandidateSentence> picked, IReadOnlyList<StoredPaper> papers)
    {
        // Papers are numbered in the order the answer first cites them, as a reader meets them.
        var numbers = new Dictionary<int, int>();
        var sources = new List<Citation>();
        var text = new StringBuilder();
        foreach (var sentence in picked)
        {
            if (!numbers.TryGetValue(sentence.PaperRank, out var number))
            {
                number = numbers.Count + 1;
                numbers[sentence.PaperRank] = number;
                var paper = papers[sentence.PaperRank];
                sources.Add(new Citation(number, paper.Id, paper.Title, paper.Links.FirstOrDefault()?.Url));
            }
            text.Append(text.Length == 0 ? "" : " ").Append(sentence.Text).Append($" [{number}]");
        }
        return new Answer(text.ToString(), sources, FromLanguageModel: false, Note);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Extractive answer: {Mode} retrieval, {Papers} papers, {Sentences} sentences, {Eligible} matching")]
    private partial void LogAnswered(string mode, int papers, int sentences, int eligible);
}
