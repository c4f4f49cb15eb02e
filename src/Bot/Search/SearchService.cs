using Bot.Embeddings;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Search;

/// <summary>
/// The one entry point for search: picks the mode (hybrid when the active model has vectors, else
/// BM25), runs the rankings, fuses them by reciprocal rank, applies filters, and returns display-ready results.
/// </summary>
public sealed class SearchService(
    Bm25Searcher bm25,
    VectorIndexCache vectors,
    ActiveEmbeddingModel model,
    SearchStore store,
    IOptions<SearchOptions> options)
{
    /// <summary>The modes this store and configuration can serve right now.</summary>
    public IReadOnlyList<SearchMode> AvailableModes()
    {
        if (model.ModelId is { } modelId && vectors.Get(modelId) is { Count: > 0 })
        {
            return [SearchMode.Bm25, SearchMode.Vector, SearchMode.Hybrid];
        }
        return [SearchMode.Bm25];
    }

    public SearchMode DefaultMode => AvailableModes().Contains(SearchMode.Hybrid) ? SearchMode.Hybrid : SearchMode.Bm25;

    public async Task<SearchResponse> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(request.Limit, 1, options.Value.MaxLimit);
        var filters = request.Filters ?? SearchFilters.None;
        var mode = request.Mode ?? DefaultMode;
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new SearchUnavailableException("the query is empty; type a few words about what you are looking for");
        }
        var ranked = await RankAsync(request.Query, mode, limit, filters, cancellationToken);
        return new SearchResponse(mode, store.Results(ranked));
    }

    /// <summary>Rowids and scores only, for evaluations and benchmarks that need no display fields.</summary>
    public async Task<IReadOnlyList<ScoredPaper>> RankAsync(string query, SearchMode mode, int limit, SearchFilters filters, CancellationToken cancellationToken)
    {
        if (!query.Any(char.IsLetterOrDigit))
        {
            // Emoji or punctuation alone: no word to match, and a vector of it is near nothing in particular.
            return [];
        }
        if (mode == SearchMode.Bm25)
        {
            return bm25.Search(query, limit, filters);
        }
        if (!AvailableModes().Contains(mode))
        {
            throw new SearchUnavailableException(model.IsConfigured
                ? $"{SearchModeNames.Name(mode)} search needs vectors, and no paper has one from {model.ModelId} yet"
                : $"{SearchModeNames.Name(mode)} search needs an embedding model, and none is configured (Bot:Embeddings:Provider); BM25 search works");
        }
        if (mode == SearchMode.Vector)
        {
            return await VectorSearchAsync(query, limit, filters, cancellationToken);
        }
        var candidates = Math.Max(limit, options.Value.FusionCandidates);
        // BM25 (SQLite, one thread) runs beside embedding the query and scanning the vectors, not after them.
        var lexicalTask = Task.Run(() => bm25.Search(query, candidates, filters), cancellationToken);
        var semantic = await VectorSearchAsync(query, candidates, filters, cancellationToken);
        var lexical = await lexicalTask;
        var settings = options.Value;
        // A paper found by its vector alone must be close: every query has nearest neighbours, even
        // "banana bread recipe", and the fusion's scaling would rank the far ones among real matches.
        var matched = lexical.Select(p => p.RowId).ToHashSet();
        var floor = settings.MinVectorOnlyScore ?? model.Profile?.MinRelevantCosine ?? 0;
        var far = semantic.Where(p => !matched.Contains(p.RowId) && p.Score < floor).Select(p => p.RowId).ToHashSet();
        if (lexical.Count == 0 && far.Count == semantic.Count)
        {
            return [];
        }
        var fused = settings.Fusion == "rrf"
            ? ReciprocalRankFusion.Fuse([lexical, semantic], [settings.LexicalWeight, 1 - settings.LexicalWeight], settings.RrfK, limit + far.Count)
            : ConvexFusion.Fuse(lexical, semantic, settings.LexicalWeight, limit + far.Count);
        return [.. fused.Where(p => !far.Contains(p.RowId)).Take(limit)];
    }

    private async Task<IReadOnlyList<ScoredPaper>> VectorSearchAsync(string query, int limit, SearchFilters filters, CancellationToken cancellationToken)
    {
        var index = vectors.Get(model.ModelId!)!;
        var embedding = await model.EmbedQueryAsync(query, cancellationToken);
        var allowed = filters.IsEmpty ? null : store.RowIdsMatching(filters);
        return index.Search(embedding, limit, allowed);
    }
}
