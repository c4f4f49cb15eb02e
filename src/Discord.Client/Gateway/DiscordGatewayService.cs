using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// Keeps the gateway connection for the life of the host. A close code that retrying cannot fix
/// (bad token, disallowed intents) ends only this service: the rest of the bot keeps running.
/// </summary>
public sealed class DiscordGatewayService(
    GatewayClient client,
    IOptions<DiscordOptions> options,
    ILogger<DiscordGatewayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.Disabled();
            return;
        }
        try
        {
            await client.RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A bug in the gateway must not stop the host (the default for a failed BackgroundService):
            // digests, search and the console do not need Discord.
            logger.Crashed(e);
        }
    }
}
