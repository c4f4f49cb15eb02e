using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Store;

namespace Bot.Discord.Interactions;

/// <summary>A search a user ran, kept so its buttons (pages, open, share) can be answered later by any instance.</summary>
public sealed record SearchSession(string Query, string? Since, int Limit, string UserId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SearchSession))]
internal sealed partial class SearchSessionJsonContext : JsonSerializerContext;

/// <summary>
/// Stores search sessions in the store (a button's custom id holds at most 100 characters, too few
/// for a query), keyed by the interaction id that started the search.
/// </summary>
public sealed class SearchSessions(FrontEndState state)
{
    public void Save(string id, SearchSession session) =>
        state.Set(Key(id), JsonSerializer.Serialize(session, SearchSessionJsonContext.Default.SearchSession));

    public SearchSession? Find(string id) =>
        state.Get(Key(id)) is { } json ? JsonSerializer.Deserialize(json, SearchSessionJsonContext.Default.SearchSession) : null;

    private static string Key(string id) => $"search:{id}";
}
