namespace Bot.Discord.Rest;

/// <summary>
/// Fetches an attachment from its CDN url. No Authorization header is ever sent (the url is signed,
/// and it may name any host), and no more than the cap is read, whatever Content-Length claims.
/// </summary>
internal static class AttachmentDownload
{
    public static async Task<byte[]> DownloadAsync(HttpClient http, Uri url, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("An attachment url must be absolute http(s).", nameof(url));
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", DiscordUserAgent.Value);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new AttachmentTooLargeException(length, maxBytes);
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new AttachmentTooLargeException(buffer.Length + read, maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>An attachment over the size the bot accepts; <see cref="Size"/> is at least what was seen.</summary>
public sealed class AttachmentTooLargeException(long size, long maxBytes)
    : Exception($"Attachment of {size} bytes or more exceeds the {maxBytes}-byte cap.")
{
    public long Size { get; } = size;

    public long MaxBytes { get; } = maxBytes;
}
