using Microsoft.Extensions.AI;

namespace Bot.Embeddings;

/// <summary>
/// Retrieval models are trained asymmetrically: a query goes in with a prompt the documents do not
/// have (arctic-embed: "Represent this sentence for searching relevant passages: "). Callers say which
/// side a text is on through the generation options; a generator that does not know the key ignores it.
/// </summary>
public static class EmbeddingRoles
{
    public const string Key = "input_type";
    public const string Query = "query";

    /// <summary>Options that mark the texts as queries: searches, questions, interests.</summary>
    public static EmbeddingGenerationOptions ForQueries() => new() { AdditionalProperties = new() { [Key] = Query } };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(Key, out var role) && Query.Equals(role as string, StringComparison.Ordinal);
}
