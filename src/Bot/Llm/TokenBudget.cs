using System.Globalization;
using Bot.Answers;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary>
/// Daily token budgets per user and per Discord server, counted in the store (so every instance
/// agrees) from the usage the server reports, or estimated when it reports none. A request is
/// refused once a budget is spent; one in flight may overshoot by its own size.
/// </summary>
public sealed class TokenBudget(TokenUsageStore usage, IOptions<LlmOptions> options, TimeProvider clock)
{
    private readonly BudgetClock _day = new(clock, BudgetClock.TryFindZone(options.Value.BudgetTimeZone) ?? TimeZoneInfo.Utc);

    /// <summary>Null when <paramref name="asker"/> may use the model now; otherwise a friendly reason why not.</summary>
    public string? Refusal(Asker asker)
    {
        var settings = options.Value;
        var today = _day.Today;
        if (settings.UserTokensPerDay > 0 && usage.Used(UserScope(asker), today) >= settings.UserTokensPerDay)
        {
            return $"You have used today's language-model budget ({settings.UserTokensPerDay:N0} tokens); it renews {Renewal()}.";
        }
        if (settings.GuildTokensPerDay > 0 && asker.GuildId is not null && usage.Used(GuildScope(asker), today) >= settings.GuildTokensPerDay)
        {
            return $"This server has used today's language-model budget ({settings.GuildTokensPerDay:N0} tokens); it renews {Renewal()}.";
        }
        return null;
    }

    public void Charge(Asker asker, long tokens)
    {
        if (tokens <= 0)
        {
            return;
        }
        usage.Add(asker.GuildId is null ? [UserScope(asker)] : [UserScope(asker), GuildScope(asker)], _day.Today, tokens);
    }

    public long UsedToday(Asker asker) => usage.Used(UserScope(asker), _day.Today);

    private string Renewal() => "at " + _day.NextReset.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string UserScope(Asker asker) => TokenUsageStore.UserPrefix + asker.UserId;

    private static string GuildScope(Asker asker) => "guild:" + asker.GuildId;
}
