using System.Globalization;
using Bot.Store;
using Microsoft.Extensions.Options;

namespace Bot.Llm;

/// <summary>
/// What a request holds of the budgets: <see cref="Refusal"/> when it may not run; otherwise the
/// tokens reserved on <see cref="Day"/>, settled there to what it really spent.
/// </summary>
public sealed record BudgetReservation(string UserId, string? GuildId, DateOnly Day, long Reserved, string? Refusal);

/// <summary>
/// Daily token budgets per user and per Discord server, counted in the store (so every instance
/// agrees). Before a request an estimate is reserved, in the same transaction that checks the
/// budget, so two requests in flight cannot both pass a budget that one of them spends; afterwards
/// the reservation is settled to the usage the server reports (or an estimate), on the budget day
/// the request started. A request is refused once a budget is spent; the last one admitted may
/// overshoot by its own size.
/// </summary>
public sealed class TokenBudget(TokenUsageStore usage, IOptions<LlmOptions> options, TimeProvider clock)
{
    private readonly BudgetClock _day = new(clock, BudgetClock.TryFindZone(options.Value.BudgetTimeZone) ?? TimeZoneInfo.Utc);

    /// <summary>What one request is assumed to cost until it reports: a full context, a rewrite and an answer.</summary>
    public long Estimate => options.Value.ContextTokenBudget + 2L * options.Value.MaxAnswerTokens;

    /// <summary>Reserves <see cref="Estimate"/> for a user (on a Discord server, or in DMs or the console when <paramref name="guildId"/> is null), or says kindly why not.</summary>
    public BudgetReservation Reserve(string userId, string? guildId)
    {
        var settings = options.Value;
        var today = _day.Today;
        (string, long)[] scopes = guildId is null
            ? [(UserScope(userId), settings.UserTokensPerDay)]
            : [(UserScope(userId), settings.UserTokensPerDay), (GuildScope(guildId), settings.GuildTokensPerDay)];
        var estimate = Estimate;
        return usage.TryReserve(scopes, today, estimate) switch
        {
            null => new BudgetReservation(userId, guildId, today, estimate, null),
            var spent when spent == UserScope(userId) => new BudgetReservation(userId, guildId, today, 0,
                $"You have used today's language-model budget ({settings.UserTokensPerDay:N0} tokens); it renews {Renewal()}."),
            _ => new BudgetReservation(userId, guildId, today, 0,
                $"This server has used today's language-model budget ({settings.GuildTokensPerDay:N0} tokens); it renews {Renewal()}."),
        };
    }

    /// <summary>Replaces a reservation by what the request spent, on the day it was made.</summary>
    public void Settle(BudgetReservation reservation, long spent)
    {
        if (reservation.Refusal is not null || spent == reservation.Reserved)
        {
            return;
        }
        usage.Settle(reservation.GuildId is null ? [UserScope(reservation.UserId)] : [UserScope(reservation.UserId), GuildScope(reservation.GuildId)],
            reservation.Day, Math.Max(spent, 0) - reservation.Reserved);
    }

    public long UsedToday(string userId) => usage.Used(UserScope(userId), _day.Today);

    private string Renewal() => "at " + _day.NextReset.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string UserScope(string userId) => TokenUsageStore.UserPrefix + userId;

    private static string GuildScope(string guildId) => "guild:" + guildId;
}
