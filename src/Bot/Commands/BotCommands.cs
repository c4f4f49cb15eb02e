using System.Runtime.CompilerServices;
using Bot.Answers;
using Bot.Llm;
using Bot.Search;
using Bot.Store;

namespace Bot.Commands;

/// <summary>
/// The commands users type: <c>/search</c>, <c>/ask</c>, <c>/paper</c>, <c>/status</c>. Every front end calls
/// these and renders the <see cref="CommandReply"/>; bad arguments come back as a friendly error reply.
/// </summary>
public sealed class BotCommands(
    SearchService search,
    PaperStore store,
    StatusReporter status,
    AnswerService answers,
    SummaryService summaries,
    Store.EmbeddingStore embeddings,
    Embeddings.ActiveEmbeddingModel model,
    Llm.LanguageModel languageModel)
{
    public Task<CommandReply> SearchAsync(string query, int limit, DateOnly? since, CancellationToken cancellationToken) =>
        SearchAsync(query, limit, new SearchFilters(Since: since), cancellationToken);

    /// <summary><c>/search</c> with every filter the console offers: since, until and one digest.</summary>
    public async Task<CommandReply> SearchAsync(string query, int limit, SearchFilters filters, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return CommandReply.Error("Tell me what to look for, for example: /search model merging without retraining");
        }
        if (limit is < 1 or > 25)
        {
            return CommandReply.Error("limit must be between 1 and 25.");
        }
        var named = filters.DigestId;
        if (named is not null)
        {
            if (StoredDigests.UnlessKnown(store, named) is { } listed)
            {
                return CommandReply.Error($"No digest has the id or file name \"{Echo.Of(named)}\"; {listed}.");
            }
            // The filter takes the full id: the user may have typed a short id, a prefix or a day.
            filters = filters with { DigestId = StoredDigests.Resolve(store, named) };
        }
        try
        {
            var response = await search.SearchAsync(new SearchRequest(query, limit, null, filters), cancellationToken);
            if (response.Results.Count == 0)
            {
                var within = (filters.Since is { } since ? $" since {since:yyyy-MM-dd}" : "") + (filters.Until is { } until ? $" until {until:yyyy-MM-dd}" : "")
                    + (named is not null ? $" in digest {Echo.Of(named)}" : "");
                return new CommandReply($"No papers match \"{Echo.Of(query)}\"{within}.", []);
            }
            return await ResultsAsync(query, response, cancellationToken);
        }
        catch (SearchUnavailableException exception)
        {
            return CommandReply.Error(exception.Message);
        }
    }

    /// <summary>
    /// Search results as every front end shows them (the console, Discord, the CLI's text output): each
    /// with its most query-relevant sentence, weak matches marked, and a headline that says when none is good.
    /// </summary>
    public async Task<CommandReply> ResultsAsync(string query, SearchResponse response, CancellationToken cancellationToken)
    {
        var weak = await WeakMatchesAsync(query, response.Results, cancellationToken);
        var items = response.Results.Select(r => new ReplyItem(r.Title,
            (weak.TryGetValue(r.Id, out var why) ? why + " " : "") + ResultLine.Of(query, r.Abstract), r.Id, r.FirstSeen, r.Link, r.FirstSeenKnown)).ToList();
        var headline = items.Count == 0 ? $"No papers match \"{Echo.Of(query)}\"."
            : weak.Count == items.Count
            ? $"No paper matches \"{Echo.Of(query)}\" well; the closest {(items.Count == 1 ? "one" : items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}:"
            : $"{items.Count} {(items.Count == 1 ? "paper" : "papers")} for \"{Echo.Of(query)}\"";
        return new CommandReply(headline, items, $"{SearchModeNames.Name(response.Mode)} search");
    }

    /// <summary>
    /// The results that only brush the query, each with a note saying so: a paper whose title or best
    /// sentence holds fewer than two thirds of the query's words together (see <see cref="ResultLine.Coverage"/>),
    /// unless the embedding model finds it close in meaning (<see cref="Embeddings.ModelProfile.MatchCosine"/>;
    /// a paraphrase shares no words and is still a match).
    /// </summary>
    private async Task<Dictionary<string, string>> WeakMatchesAsync(string query, IReadOnlyList<SearchResult> results, CancellationToken cancellationToken)
    {
        var weak = new Dictionary<string, string>(StringComparer.Ordinal);
        var thin = results.Select(r => (Result: r, Coverage: ResultLine.Coverage(query, r.Title, r.Abstract)))
            // Up to three words a query names one thing and needs them all; a longer one two thirds of them.
            .Where(x => x.Coverage.Of >= 2 && (x.Coverage.Of <= 3 ? x.Coverage.Found.Count < x.Coverage.Of : x.Coverage.Found.Count * 3 < x.Coverage.Of * 2))
            .ToList();
        if (thin.Count == 0)
        {
            return weak;
        }
        IReadOnlyDictionary<long, float[]> vectors = new Dictionary<long, float[]>();
        float[]? queryVector = null;
        if (model.ModelId is { } modelId && model.Profile?.MatchCosine is > 0)
        {
            vectors = embeddings.VectorsFor(modelId, [.. thin.Select(x => x.Result.RowId)]);
            queryVector = vectors.Count > 0 ? await model.EmbedQueryAsync(query, cancellationToken) : null;
        }
        foreach (var (result, coverage) in thin)
        {
            if (queryVector is not null && vectors.TryGetValue(result.RowId, out var vector)
                && System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(queryVector, vector) >= model.Profile!.MatchCosine)
            {
                continue;
            }
            weak[result.Id] = coverage.Found.Count == 0
                ? "(Weak match: none of your words.)"
                : $"(Weak match: only \"{string.Join("\", \"", coverage.Found)}\" of your words together.)";
        }
        return weak;
    }

    /// <summary>The answer first, then its sources numbered as the answer cites them.</summary>
    public async Task<CommandReply> AskAsync(string question, CancellationToken cancellationToken) =>
        await AskAsync(question, Asker.Console, cancellationToken);

    public async Task<CommandReply> AskAsync(string question, Asker asker, CancellationToken cancellationToken)
    {
        CommandReply? final = null;
        await foreach (var step in AskStreamAsync(question, asker, cancellationToken))
        {
            final = step.Reply;
        }
        return final!;
    }

    /// <summary>The answer as it is written (a language model streams it), then the final reply with its sources.</summary>
    public async IAsyncEnumerable<AskProgress> AskStreamAsync(string question, Asker asker, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Blank, or nothing but invisible characters and symbols: no word to look for (nor to spend a model's tokens on).
        if (!question.Any(char.IsLetterOrDigit))
        {
            yield return new AskProgress(CommandReply.Error("Ask a question, for example: /ask how can two fine-tuned models be merged without retraining?"), IsFinal: true);
            yield break;
        }
        await foreach (var step in answers.StreamAsync(question, asker, cancellationToken).Catching(exception => exception is SearchUnavailableException, cancellationToken))
        {
            if (step.Failure is { } failure)
            {
                yield return new AskProgress(CommandReply.Error(failure.Message), IsFinal: true);
                yield break;
            }
            yield return step.Item.Final is { } answer
                ? new AskProgress(AnswerReply(question, answer.Text, answer.Sources, answer.Note), IsFinal: true)
                : new AskProgress(AnswerReply(question, step.Item.Text.Length > 0 ? step.Item.Text + " …" : "…", step.Item.Sources, step.Item.Status ?? "Writing…"), IsFinal: false);
        }
    }

    private static CommandReply AnswerReply(string question, string text, IReadOnlyList<Citation> sources, string? note)
    {
        var items = new List<ReplyItem> { new("Answer", text) };
        items.AddRange(sources.Select(s => new ReplyItem(s.Title, "", s.PaperId, Link: s.Link)));
        // The question heads its answer, clipped and without characters that would reorder or hide it.
        return new CommandReply(Echo.Of(question, QuestionHeadline), items, note);
    }

    private const int QuestionHeadline = 200;

    /// <summary>
    /// The paper a user means: its id, its exact title, a unique id prefix (at least four characters), or
    /// the one title containing every word typed. Otherwise the reply: the matching titles numbered (open
    /// one by its number), or that nothing matches.
    /// </summary>
    private StoredPaper? Resolve(string idOrTitle, string? hint, out CommandReply? notFound, out string? how)
    {
        notFound = null;
        how = null;
        if (store.FindPaper(idOrTitle) is { } exact)
        {
            return exact;
        }
        var prefixed = idOrTitle.Trim().Length >= MinIdPrefix ? store.IdsStartingWith(idOrTitle, 6) : [];
        if (prefixed.Count == 1 && store.FindPaper(prefixed[0]) is { } byPrefix)
        {
            how = $"the paper whose id starts with {idOrTitle.Trim().ToLowerInvariant()}";
            return byPrefix;
        }
        var suggestions = prefixed.Count > 1
            ? [.. prefixed.Select(id => store.FindPaper(id)).OfType<StoredPaper>().Select(p => (p.Id, p.Title))]
            : store.SuggestTitles(idOrTitle, 6);
        if (suggestions.Count == 1 && store.FindPaper(suggestions[0].Id) is { } only)
        {
            how = $"the only title with \"{Echo.Of(idOrTitle, 60)}\" in it";
            return only;
        }
        notFound = suggestions.Count == 0
            ? CommandReply.Error($"No paper has the id or title \"{Echo.Of(idOrTitle)}\"." + (hint is null ? "" : " " + hint))
            : new CommandReply($"{suggestions.Count} papers match \"{Echo.Of(idOrTitle)}\"; open one by its number:",
                suggestions.Select(s => new ReplyItem(s.Title, "", s.Id)).ToList(), IsError: true);
        return null;
    }

    /// <summary>Shorter id prefixes match too many papers to mean one.</summary>
    private const int MinIdPrefix = 4;

    private const string ExtractiveNote = "Extractive: no language model is configured, so these are the paper's own sentences.";

    /// <summary><c>/summarize paper</c>: the language model's summary when one is configured (cached), else the abstract's key sentences.</summary>
    public async Task<CommandReply> SummarizePaperAsync(string idOrTitle, Asker asker, CancellationToken cancellationToken)
    {
        var extractive = SummarizePaper(idOrTitle);
        if (extractive.IsError || Resolve(idOrTitle, null, out _, out _) is not { } paper)
        {
            return extractive;
        }
        var outcome = await summaries.PaperAsync(paper, asker, cancellationToken);
        return outcome.Summary is { } summary
            ? extractive with { Items = [extractive.Items[0] with { Text = summary.Text }], Footer = ModelNote(outcome) }
            : extractive with { Footer = outcome.FallbackNote ?? extractive.Footer };
    }

    /// <summary><c>/summarize digest</c>: the language model's summary by theme when one is configured (cached), else the themes.</summary>
    public async Task<CommandReply> SummarizeDigestAsync(string? digestIdOrSource, Asker asker, CancellationToken cancellationToken)
    {
        var extractive = SummarizeDigest(digestIdOrSource, out var digest, out var papers, out var themes);
        if (extractive.IsError)
        {
            return extractive;
        }
        var outcome = await summaries.DigestAsync(digest!, papers, themes, asker, cancellationToken);
        return outcome.Summary is { } summary
            ? extractive with { Items = [new ReplyItem("Summary", summary.Text), .. summary.Sources.Select(s => new ReplyItem(s.Title, "", s.PaperId, Link: s.Link))], Footer = ModelNote(outcome) }
            : extractive with { Footer = outcome.FallbackNote ?? extractive.Footer };
    }

    private static string ModelNote(SummaryOutcome outcome) => outcome.FromCache ? "Summarised by the language model (cached)." : "Summarised by the language model.";

    /// <summary><c>/summarize paper</c> without a language model: the abstract's key sentences.</summary>
    public CommandReply SummarizePaper(string idOrTitle)
    {
        if (string.IsNullOrWhiteSpace(idOrTitle))
        {
            return CommandReply.Error("Which paper? Give its id or its title, for example: /summarize paper Merging Models with Fisher-Weighted Averaging");
        }
        if (Resolve(idOrTitle, "Try /search first, then use the paper's number or id.", out var notFound, out _) is not { } paper)
        {
            return notFound!;
        }
        if (paper.Abstract.Length == 0)
        {
            return CommandReply.Error($"\"{paper.Title}\" came without an abstract, so there is nothing to summarise.");
        }
        var sentences = Answers.PaperSummarizer.KeySentences(paper.Abstract);
        return new CommandReply(paper.Title, [new ReplyItem("Summary", string.Join(" ", sentences), paper.Id, paper.FirstSeen, paper.Links.FirstOrDefault()?.Url)], ExtractiveNote);
    }

    /// <summary><c>/summarize digest</c>: a digest's papers grouped into themes, each with a representative title.</summary>
    public CommandReply SummarizeDigest(string? digestIdOrSource) => SummarizeDigest(digestIdOrSource, out _, out _, out _);

    private CommandReply SummarizeDigest(string? digestIdOrSource, out string? digest, out IReadOnlyList<StoredPaper> papers, out IReadOnlyList<DigestTheme> themes)
    {
        digest = string.IsNullOrWhiteSpace(digestIdOrSource) ? store.ListDigests().FirstOrDefault()?.Id : StoredDigests.Resolve(store, digestIdOrSource);
        var rowIds = digest is null ? [] : store.DigestPaperRowIds(digest);
        papers = [];
        themes = [];
        if (rowIds.Count == 0)
        {
            return CommandReply.Error(string.IsNullOrWhiteSpace(digestIdOrSource)
                ? "No digest has been ingested yet."
                : $"No digest has the id, file name or date \"{Echo.Of(digestIdOrSource)}\"; {StoredDigests.UnlessKnown(store, digestIdOrSource)}.");
        }
        papers = store.GetPapers(rowIds);
        var vectors = model.ModelId is { } modelId ? embeddings.VectorsFor(modelId, rowIds) : new Dictionary<long, float[]>();
        themes = Answers.DigestThemes.Find([.. papers.Select(p => (p.Title, p.Abstract, vectors.GetValueOrDefault(p.RowId)))]);
        var items = themes.Select(t => new ReplyItem(
            $"{string.Join(", ", t.Words)} ({Count.Of(t.Titles.Count, "paper")})",
            $"Representative: {t.RepresentativeTitle}" + (t.Titles.Count > 1 ? $"; also {string.Join("; ", t.Titles.Where(x => x != t.RepresentativeTitle).Take(4))}" + (t.Titles.Count > 5 ? "…" : "") : ""))).ToList();
        return new CommandReply($"Digest {store.DigestShortId(digest!)}: {Count.Of(papers.Count, "paper")} in {Count.Of(themes.Count, "theme")}", items,
            vectors.Count == rowIds.Count ? "Themes from clustering the papers' embeddings." : "Themes from clustering the papers' words (no vectors for every paper yet).");
    }

    public CommandReply Paper(string idOrTitle)
    {
        if (string.IsNullOrWhiteSpace(idOrTitle))
        {
            return CommandReply.Error("Which paper? Give its id or its title, for example: /paper Merging Models with Fisher-Weighted Averaging");
        }
        if (Resolve(idOrTitle, null, out var notFound, out var how) is not { } paper)
        {
            return notFound!;
        }
        var items = new List<ReplyItem> { new("Abstract", paper.Abstract.Length == 0 ? "(the digest gave no abstract)"
            // Ingest bounds abstracts now; one stored before that is shown as far as the bound.
            : paper.Abstract.Length > Digests.DigestLimits.Default.MaxAbstractChars
                ? Answers.Excerpt.Head(paper.Abstract, Digests.DigestLimits.Default.MaxAbstractChars) + $" (cut: the stored abstract is {paper.Abstract.Length:N0} characters)"
                : paper.Abstract) };
        items.AddRange(paper.Links.Select(l => new ReplyItem($"Link ({l.Kind})", l.Url, Link: l.Url)));
        items.AddRange(paper.Appearances.Select(a => new ReplyItem("Appeared in", $"digest {a.DigestShortId} of {a.DayLabel} ({a.Source}), position {a.Position}")));
        return new CommandReply(paper.Title, items, (how is null ? "" : how + " · ") + $"id {paper.Id} · {paper.FirstSeenLabel}");
    }

    public CommandReply Status()
    {
        var report = status.Report();
        return new CommandReply("Status", [
            new("Papers", $"{report.Papers:N0} in {report.Digests:N0} digests (newest {report.NewestDigest?.ToString("yyyy-MM-dd") ?? "none"})"),
            new("Embedding model", report.EmbeddingConfigured
                ? $"{report.EmbeddingModel} ({report.EmbeddedPapers:N0} of {report.Papers:N0} papers embedded)"
                    + (report.EmbeddingLicence is { } licence ? $"; weights under {licence}" : "")
                    + (report.EmbeddingSource is { } source ? $" ({source})" : "")
                : report.EmbeddingModel),
            new("Search", $"{string.Join(", ", report.SearchModes)} (default {report.DefaultSearchMode})"),
            new("Language model", languageModel.Describe()),
            new("Store", $"{report.Database}, {Megabytes(report.DatabaseBytes)}"
                + $" (full-text index {Megabytes(report.FullTextIndexBytes)})"
                + (report.VectorIndexBytes > 0 ? $"; vector index in memory {Megabytes(report.VectorIndexBytes)}" : "")),
        ]);
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MB";
}
