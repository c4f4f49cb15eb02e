using System.Globalization;
using System.Text;
using Bot.Llm;
using Bot.Store;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>
/// A summary the model wrote (or the cache held), and the tokens it cost now (0 from the cache).
/// <see cref="Summary"/> is null when the reply held nothing usable: it still cost what it cost.
/// </summary>
public sealed record ModelSummary(CachedSummary? Summary, long TokensUsed, bool FromCache);

/// <summary>
/// Summaries of one paper (<c>prompts/summarize-paper</c>) or of a digest grouped into themes
/// (<c>prompts/summarize-digest</c>), run as Semantic Kernel prompt functions and cached in the store by
/// subject, prompt version (a hash of the prompt's files and the settings rendered into it) and model,
/// so asking again costs nothing until the prompt or the model changes. Output is checked like an
/// answer (<see cref="CitationValidator"/>): leaking sentences and links no paper gave are dropped, a
/// digest summary's [n] must name one of its papers, and a paper summary may cite only that paper.
/// </summary>
public sealed class LlmSummarizer(LanguageModel model, Kernel kernel, PromptLibrary prompts, SummaryStore cache, IOptions<LlmOptions> options)
{
    public const string PaperPrompt = "summarize-paper";
    public const string DigestPrompt = "summarize-digest";

    public CachedSummary? CachedPaper(StoredPaper paper) => cache.Find("paper", paper.Id, PromptVersion(PaperPrompt), model.ModelId);

    public CachedSummary? CachedDigest(string digestId) => cache.Find("digest", digestId, PromptVersion(DigestPrompt), model.ModelId);

    /// <summary>
    /// What the cache calls the prompt's version: the template's hash and the settings rendered into it
    /// (the words asked for; for a digest also how much of it fits), since other values make another prompt.
    /// </summary>
    public string PromptVersion(string promptName) => promptName == DigestPrompt
        ? $"{prompts.Version(promptName)}-{MaxWords}w-{options.Value.ContextTokenBudget}c"
        : $"{prompts.Version(promptName)}-{MaxWords}w";

    private string MaxWords => LlmAnswerer.MaxWords(options.Value.MaxAnswerTokens).ToString(CultureInfo.InvariantCulture);

    public async Task<ModelSummary> PaperAsync(StoredPaper paper, CancellationToken cancellationToken)
    {
        if (CachedPaper(paper) is { } cached)
        {
            return new ModelSummary(cached, 0, FromCache: true);
        }
        var (text, tokens) = await CompleteAsync(PaperPrompt, new Dictionary<string, string>
        {
            ["title"] = ContextPacker.Clean(paper.Title),
            ["abstract"] = ContextPacker.Clean(paper.Abstract),
            ["max_words"] = MaxWords,
        }, cancellationToken);
        // The one paper is the only source there is: a [2] or [9] names nothing the model was shown.
        var validated = CitationValidator.Validate(text, [paper], Guard(PaperPrompt), CitationRule.SoleSource);
        if (validated.Text.Length == 0)
        {
            return new ModelSummary(null, tokens, FromCache: false);
        }
        var summary = new CachedSummary(validated.Text, validated.Sources);
        cache.Save("paper", paper.Id, PromptVersion(PaperPrompt), model.ModelId, summary);
        return new ModelSummary(summary, tokens, FromCache: false);
    }

    /// <param name="themes">The digest's papers grouped by <see cref="DigestThemes"/>, titles matching <paramref name="papers"/>.</param>
    public async Task<ModelSummary> DigestAsync(string digestId, IReadOnlyList<StoredPaper> papers, IReadOnlyList<DigestTheme> themes, CancellationToken cancellationToken)
    {
        if (CachedDigest(digestId) is { } cached)
        {
            return new ModelSummary(cached, 0, FromCache: true);
        }
        var (themesText, numbered) = ThemesBlock(papers, themes, options.Value.ContextTokenBudget);
        var (text, tokens) = await CompleteAsync(DigestPrompt, new Dictionary<string, string>
        {
            ["themes"] = themesText,
            ["max_words"] = MaxWords,
        }, cancellationToken);
        var validated = CitationValidator.Validate(text, numbered, Guard(DigestPrompt));
        if (validated.Sources.Count == 0)
        {
            return new ModelSummary(null, tokens, FromCache: false);
        }
        var summary = new CachedSummary(validated.Text, validated.Sources);
        cache.Save("digest", digestId, PromptVersion(DigestPrompt), model.ModelId, summary);
        return new ModelSummary(summary, tokens, FromCache: false);
    }

    /// <summary>Each theme's papers as numbered blocks (title and first sentence), as many as the budget holds.</summary>
    internal static (string Text, IReadOnlyList<StoredPaper> Numbered) ThemesBlock(IReadOnlyList<StoredPaper> papers, IReadOnlyList<DigestTheme> themes, int tokenBudget)
    {
        var byTitle = papers.GroupBy(p => p.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var text = new StringBuilder();
        var numbered = new List<StoredPaper>();
        var used = 0;
        foreach (var (theme, index) in themes.Select((t, i) => (t, i + 1)))
        {
            var heading = $"Theme {index} ({string.Join(", ", theme.Words.Select(ContextPacker.Clean))}):\n";
            used += TokenEstimate.Of(heading);
            text.Append(heading);
            foreach (var title in theme.Titles.Where(byTitle.ContainsKey))
            {
                var paper = byTitle[title];
                var first = SentenceSplitter.Split(ContextPacker.Clean(paper.Abstract)).FirstOrDefault().Text ?? "";
                var block = $"<paper number=\"{numbered.Count + 1}\">\nTitle: {ContextPacker.Clean(paper.Title)}\nAbstract: {first}\n</paper>\n";
                if (used + TokenEstimate.Of(block) > tokenBudget)
                {
                    break;
                }
                used += TokenEstimate.Of(block);
                text.Append(block);
                numbered.Add(paper);
            }
        }
        return (text.ToString().TrimEnd(), numbered);
    }

    private async Task<(string Text, long Tokens)> CompleteAsync(string promptName, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var completion = await prompts.CompleteAsync(kernel, promptName, prompts.Arguments(promptName, values, settings.MaxAnswerTokens, settings.Temperature), cancellationToken);
        return (completion.Text, completion.Tokens);
    }

    private AnswerGuard Guard(string promptName) => new(prompts.Text(promptName), options.Value.ApiKey);
}
