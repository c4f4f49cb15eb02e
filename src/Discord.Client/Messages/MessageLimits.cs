using Bot.Discord.Payloads;

namespace Bot.Discord.Messages;

/// <summary>
/// Discord's message limits (Message resource: Create Message, Embed Limits), applied so that an
/// outgoing message is shortened or split, never rejected. Every message fitted here pings no one.
/// </summary>
public static class MessageLimits
{
    public const int ContentLength = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedsTotalLength = 6000;
    public const int TitleLength = 256;
    public const int DescriptionLength = 4096;
    public const int FieldsPerEmbed = 25;
    public const int FieldNameLength = 256;
    public const int FieldValueLength = 1024;
    public const int FooterLength = 2048;
    public const int AuthorNameLength = 256;

    /// <summary>One message within every limit; content over 2,000 is truncated (use <see cref="Split"/> to keep it all).</summary>
    public static MessageCreate Fit(MessageCreate message) => message with
    {
        Content = message.Content is null ? null : TextTruncation.Truncate(message.Content, ContentLength),
        Embeds = message.Embeds is null ? null : EmbedFitter.Fit(message.Embeds),
        AllowedMentions = message.AllowedMentions ?? AllowedMentions.None,
    };

    /// <summary>The same limits for an interaction response's message.</summary>
    public static InteractionCallbackData Fit(InteractionCallbackData data) => data with
    {
        Content = data.Content is null ? null : TextTruncation.Truncate(data.Content, ContentLength),
        Embeds = data.Embeds is null ? null : EmbedFitter.Fit(data.Embeds),
        AllowedMentions = data.AllowedMentions ?? AllowedMentions.None,
    };

    /// <summary>
    /// Long content as several messages, in order. Embeds and components go on the last one, so
    /// buttons sit under the end of the text; a reply reference stays on the first.
    /// </summary>
    public static IReadOnlyList<MessageCreate> Split(MessageCreate message)
    {
        var parts = ContentSplitter.Split(message.Content ?? "");
        if (parts.Count <= 1)
        {
            return [Fit(message)];
        }
        var messages = new List<MessageCreate>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            messages.Add(Fit(message with
            {
                Content = parts[i],
                Embeds = last ? message.Embeds : null,
                Components = last ? message.Components : null,
                MessageReference = i == 0 ? message.MessageReference : null,
                // One nonce names one message: a later part sent with it would come back as the first.
                Nonce = i == 0 ? message.Nonce : null,
                EnforceNonce = i == 0 ? message.EnforceNonce : null,
            }));
        }
        return messages;
    }
}
