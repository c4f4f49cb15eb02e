using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// Calls <c>{ApiBaseUrl}/gateway/bot</c> on its own, so the gateway works before the REST client
/// exists. The token goes only into the Authorization header.
/// </summary>
public sealed class HttpGatewayUrlSource(HttpClient http, IOptions<DiscordOptions> options) : IGatewayUrlSource
{
    // Discord asks bots to send a "DiscordBot ($url, $version)" user agent (Reference → User Agent).
    private const string UserAgent = "DiscordBot (https://github.com/research-digest-bot, 1.0)";

    public async Task<GatewayInfo> GetGatewayAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, settings.ApiBaseUrl.TrimEnd('/') + "/gateway/bot");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", settings.Token);
        // Discord's format is not a valid product token, so it bypasses header validation.
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(GatewayJsonContext.Default.GatewayInfo, cancellationToken)
            ?? throw new InvalidDataException("GET /gateway/bot returned null.");
    }
}
