using Bot.Discord.Gateway;

namespace Bot.Discord.Rest;

/// <summary>
/// The gateway's <c>GET /gateway/bot</c> through the REST client, so the lookup shares its rate limits,
/// retries, user agent and token handling. A refusal reaches the gateway as the
/// <see cref="HttpRequestException"/> with a status code its close rules expect (401: stop).
/// </summary>
public sealed class RestGatewayUrlSource(DiscordRestClient rest) : IGatewayUrlSource
{
    public async Task<GatewayInfo> GetGatewayAsync(CancellationToken cancellationToken)
    {
        Payloads.GatewayBot bot;
        try
        {
            bot = await rest.GetGatewayBotAsync(cancellationToken);
        }
        catch (DiscordApiException exception)
        {
            throw new HttpRequestException(exception.Message, exception, exception.StatusCode);
        }
        var limit = bot.SessionStartLimit;
        return new GatewayInfo(bot.Url, bot.Shards,
            new SessionStartLimit(limit.Total, limit.Remaining, (int)Math.Min(limit.ResetAfter, int.MaxValue), limit.MaxConcurrency));
    }
}
