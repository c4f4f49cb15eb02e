using Bot.Embeddings;
using Bot.Search;
using Bot.Store;

namespace Bot.Commands;

/// <summary>The store's counts, the active embedding model and the search modes it allows.</summary>
public sealed record StatusReport(
    string Database,
    long Papers,
    long Digests,
    long Appearances,
    long Links,
    long DatabaseBytes,
    long FullTextIndexBytes,
    bool EmbeddingConfigured,
    string EmbeddingModel,
    long EmbeddedPapers,
    long VectorIndexBytes,
    IReadOnlyList<string> SearchModes,
    string DefaultSearchMode,
    IReadOnlyDictionary<string, long> EmbeddingsByModel,
    DateOnly? NewestDigest,
    string? EmbeddingLicence = null,
    string? EmbeddingSource = null);

public sealed class StatusReporter(PaperStore store, ActiveEmbeddingModel model, VectorIndexCache vectors, SearchService search)
{
    public StatusReport Report()
    {
        var counts = store.Counts();
        var modelId = model.ModelId;
        var index = modelId is null ? null : vectors.Get(modelId);
        return new StatusReport(
            store.FilePath,
            counts.Papers,
            counts.Digests,
            counts.Appearances,
            counts.Links,
            counts.FileBytes,
            counts.FullTextIndexBytes,
            modelId is not null,
            modelId ?? "none (no embedding model configured; search is BM25 only)",
            modelId is null ? 0 : counts.EmbeddingsByModel.GetValueOrDefault(modelId),
            index?.MemoryBytes ?? 0,
            search.AvailableModes().Select(SearchModeNames.Name).ToList(),
            SearchModeNames.Name(search.DefaultMode),
            counts.EmbeddingsByModel,
            store.ListDigests().Select(d => (DateOnly?)d.Date).FirstOrDefault(),
            model.Profile?.Licence is { Length: > 0 } licence ? licence : null,
            model.Profile?.Source is { Length: > 0 } source ? source : null);
    }
}
