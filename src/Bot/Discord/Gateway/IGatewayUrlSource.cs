namespace Bot.Discord.Gateway;

/// <summary>
/// Where <c>GET /gateway/bot</c> comes from. A small seam so the REST client can take this over later.
/// </summary>
public interface IGatewayUrlSource
{
    Task<GatewayInfo> GetGatewayAsync(CancellationToken cancellationToken);
}
