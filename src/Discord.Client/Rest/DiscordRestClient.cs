using Bot.Discord.Messages;
using Bot.Discord.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Rest;

/// <summary>
/// The Discord REST v10 calls the bot makes. Every outgoing message is fitted to Discord's limits and
/// pings no one unless the caller says otherwise (<see cref="MessageLimits"/>).
/// </summary>
public sealed partial class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    DiscordRateLimiter limiter,
    DiscordRetryPolicy retry,
    ILogger<DiscordRestClient> logger)
{
    private readonly Uri _baseAddress = new(options.Value.ApiBaseUrl.TrimEnd('/') + "/");
    private readonly TimeProvider _time = limiter.Time;

    public Task<GatewayBot> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Get, "/gateway/bot"), null, DiscordJsonContext.Default.GatewayBot, cancellationToken);

    /// <summary>The bot's own application, for its id (commands and interaction webhooks need it).</summary>
    public Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Get, "/applications/@me"), null, DiscordJsonContext.Default.Application, cancellationToken);

    public Task<ApplicationCommand[]> GetGlobalCommandsAsync(string applicationId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Get, "/applications/{application_id}/commands", applicationId),
            null, DiscordJsonContext.Default.ApplicationCommandArray, cancellationToken);

    public Task<ApplicationCommand[]> GetGuildCommandsAsync(string applicationId, string guildId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Get, "/applications/{application_id}/guilds/{guild_id}/commands", applicationId, guildId),
            null, DiscordJsonContext.Default.ApplicationCommandArray, cancellationToken);

    /// <summary>Replaces all global commands with these (new ones take a while to reach every client).</summary>
    public Task<ApplicationCommand[]> BulkOverwriteGlobalCommandsAsync(string applicationId, ApplicationCommand[] commands, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Put, "/applications/{application_id}/commands", applicationId),
            Json(commands, DiscordJsonContext.Default.ApplicationCommandArray), DiscordJsonContext.Default.ApplicationCommandArray, cancellationToken);

    /// <summary>Replaces one guild's commands (instant; for development).</summary>
    public Task<ApplicationCommand[]> BulkOverwriteGuildCommandsAsync(string applicationId, string guildId, ApplicationCommand[] commands, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Put, "/applications/{application_id}/guilds/{guild_id}/commands", applicationId, guildId),
            Json(commands, DiscordJsonContext.Default.ApplicationCommandArray), DiscordJsonContext.Default.ApplicationCommandArray, cancellationToken);

    /// <summary>Answers an interaction within its 3 seconds; message responses are fitted and ping no one.</summary>
    public async Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default)
    {
        if (response is { Type: InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage, Data: { } data })
        {
            response = response with { Data = MessageLimits.Fit(data) };
        }
        var route = DiscordRoute.Create(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", interactionId, interactionToken);
        using var reply = await SendAsync(route, Json(response, DiscordJsonContext.Default.InteractionResponse), cancellationToken);
    }

    /// <summary>Replaces a deferred response's "thinking" with the answer.</summary>
    public Task<Message> EditOriginalResponseAsync(string applicationId, string interactionToken, MessageCreate message, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Patch, "/webhooks/{webhook_id}/{webhook_token}/messages/@original", applicationId, interactionToken),
            Json(MessageLimits.Fit(message), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.Message, cancellationToken);

    public Task<Message> CreateFollowupMessageAsync(string applicationId, string interactionToken, MessageCreate message, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Post, "/webhooks/{webhook_id}/{webhook_token}", applicationId, interactionToken),
            Json(MessageLimits.Fit(message), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.Message, cancellationToken);

    public Task<Message> CreateMessageAsync(string channelId, MessageCreate message, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", channelId),
            Json(MessageLimits.Fit(message), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.Message, cancellationToken);

    /// <summary>Sends long content as several messages, in order (<see cref="MessageLimits.Split"/>).</summary>
    public async Task<IReadOnlyList<Message>> CreateMessagesAsync(string channelId, MessageCreate message, CancellationToken cancellationToken = default)
    {
        var sent = new List<Message>();
        foreach (var part in MessageLimits.Split(message))
        {
            sent.Add(await CreateMessageAsync(channelId, part, cancellationToken));
        }
        return sent;
    }

    /// <summary>Edits a message the bot sent; fields left null are left as they are.</summary>
    public Task<Message> EditMessageAsync(string channelId, string messageId, MessageCreate message, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", channelId, messageId),
            Json(MessageLimits.Fit(message with { MessageReference = null }), DiscordJsonContext.Default.MessageCreate), DiscordJsonContext.Default.Message, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> (1-100) messages posted in a channel after message (or snowflake) <paramref name="afterId"/>.</summary>
    public Task<Message[]> GetMessagesAfterAsync(string channelId, string afterId, int limit = 100, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Get, "/channels/{channel_id}/messages?after={after}&limit={limit}", channelId, afterId,
                Math.Clamp(limit, 1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            null, DiscordJsonContext.Default.MessageArray, cancellationToken);

    /// <summary>Opens (or returns the existing) DM channel with a user.</summary>
    public Task<Channel> CreateDmAsync(string recipientId, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Post, "/users/@me/channels"),
            Json(new CreateDm(recipientId), DiscordJsonContext.Default.CreateDm), DiscordJsonContext.Default.Channel, cancellationToken);

    public Task<Channel> StartThreadFromMessageAsync(string channelId, string messageId, StartThread thread, CancellationToken cancellationToken = default) =>
        SendAsync(DiscordRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages/{message_id}/threads", channelId, messageId),
            Json(thread, DiscordJsonContext.Default.StartThread), DiscordJsonContext.Default.Channel, cancellationToken);

    /// <summary>An attachment's bytes, refused before download when Discord's stated size is already over the cap.</summary>
    public Task<byte[]> DownloadAttachmentAsync(Attachment attachment, long maxBytes, CancellationToken cancellationToken = default) =>
        attachment.Size > maxBytes
            ? Task.FromException<byte[]>(new AttachmentTooLargeException(attachment.Size, maxBytes))
            : AttachmentDownload.DownloadAsync(http, new Uri(attachment.Url), maxBytes, cancellationToken);
}
