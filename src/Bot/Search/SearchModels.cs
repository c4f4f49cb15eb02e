namespace Bot.Search;

public enum SearchMode
{
    Bm25,
    Vector,
    Hybrid,
}

/// <summary>Narrows a search to papers listed in a date range or in one digest.</summary>
public sealed record SearchFilters(DateOnly? Since = null, DateOnly? Until = null, string? DigestId = null)
{
    public static SearchFilters None { get; } = new();

    public bool IsEmpty => Since is null && Until is null && DigestId is null;
}

/// <summary>A search as a user asks it. A null mode means the best available one.</summary>
public sealed record SearchRequest(string Query, int Limit = 10, SearchMode? Mode = null, SearchFilters? Filters = null);

/// <summary>A candidate before it is shown: the paper's rowid and its score under one ranking.</summary>
public readonly record struct ScoredPaper(long RowId, double Score);

/// <summary>One result as a user sees it.</summary>
public sealed record SearchResult(
    string Id,
    string Title,
    string Abstract,
    double Score,
    DateOnly FirstSeen,
    IReadOnlyList<string> Digests,
    string? Link)
{
    /// <summary>The paper's row in the store (its vector's key).</summary>
    public long RowId { get; init; }

    /// <summary>False when the paper was first listed in a digest that named no date: <see cref="FirstSeen"/> is the day it arrived.</summary>
    public bool FirstSeenKnown { get; init; } = true;
}

public sealed record SearchResponse(SearchMode Mode, IReadOnlyList<SearchResult> Results);

/// <summary>The request cannot be served as asked (an unknown mode, vector search without a model).</summary>
public sealed class SearchUnavailableException(string message) : Exception(message);

public static class SearchModeNames
{
    public static string Name(SearchMode mode) => mode.ToString().ToLowerInvariant();

    public static SearchMode? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "bm25" or "lexical" or "keyword" => SearchMode.Bm25,
        "vector" or "semantic" => SearchMode.Vector,
        "hybrid" => SearchMode.Hybrid,
        _ => throw new SearchUnavailableException($"unknown search mode '{text}'; use bm25, vector or hybrid"),
    };
}
