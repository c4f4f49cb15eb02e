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
public sealed class SearchSessions(FrontEndState state, TimeProvider clock)
{
    private const string Prefix = "search:";
    private static readonly DateTimeOffset DiscordEpoch = new(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Save(string id, SearchSession session) =>
        state.Set(Key(id), JsonSerializer.Serialize(session, SearchSessionJsonContext.Default.SearchSession), session.UserId);

    public SearchSession? Find(string id) =>
        state.Get(Key(id)) is { } json ? JsonSerializer.Deserialize(json, SearchSessionJsonContext.Default.SearchSession) : null;

    /// <summary>
    /// Forgets sessions started more than <paramref name="age"/> ago. A session id is the interaction's
    /// snowflake, which carries its creation time (milliseconds since 2015 in its top 42 bits).
    /// </summary>
    public int ForgetOlderThan(TimeSpan age)
    {
        var cutoff = clock.GetUtcNow() - age;
        var forgotten = 0;
        foreach (var key in state.Keys(Prefix))
        {
            if (ulong.TryParse(key.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var snowflake)
                && DiscordEpoch.AddMilliseconds(snowflake >> 22) < cutoff)
            {
                state.Remove(key);
                forgotten++;
            }
        }
        return forgotten;
    }

    private static string Key(string id) => Prefix + id;
}
