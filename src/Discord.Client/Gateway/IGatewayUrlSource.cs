namespace Bot.Discord.Gateway;

/// <summary>
/// Where <c>GET /gateway/bot</c> comes from: the REST client in the bot, a fake in gateway tests.
/// </summary>
public interface IGatewayUrlSource
{
    Task<GatewayInfo> GetGatewayAsync(CancellationToken cancellationToken);
}
