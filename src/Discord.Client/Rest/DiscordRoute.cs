using System.Security.Cryptography;
using System.Text;

namespace Bot.Discord.Rest;

/// <summary>
/// One REST call's method and path, and the key its rate limit is tracked under. Discord limits per
/// route and per top-level resource (Rate Limits: channel_id, guild_id, webhook_id + webhook token),
/// so those values stay in the key and every other id is replaced by its placeholder.
/// </summary>
/// <remarks>
/// <see cref="Path"/> may hold an interaction token and is never logged; logs and exceptions show
/// <see cref="Template"/>. The key holds a fingerprint of a token, not the token.
/// </remarks>
public sealed class DiscordRoute
{
    private static readonly HashSet<string> MajorParameters = ["channel_id", "guild_id", "webhook_id", "webhook_token", "interaction_id"];
    private static readonly HashSet<string> SecretParameters = ["webhook_token", "interaction_token"];

    private DiscordRoute(HttpMethod method, string template, string path, string bucketKey, string majorKey)
    {
        MajorKey = majorKey;
        Method = method;
        Template = template;
        Path = path;
        BucketKey = bucketKey;
        // Interaction endpoints (the callback and the interaction-token webhooks) are not bound to the
        // global limit and authenticate by their token, so the bot token is not sent there.
        IsInteraction = template.StartsWith("/interactions/", StringComparison.Ordinal)
            || template.StartsWith("/webhooks/{webhook_id}/{webhook_token}", StringComparison.Ordinal);
    }

    public HttpMethod Method { get; }

    /// <summary>The path with placeholders, <c>/channels/{channel_id}/messages</c>: safe to log.</summary>
    public string Template { get; }

    /// <summary>The path relative to the API base, values escaped. May contain a secret.</summary>
    internal string Path { get; }

    /// <summary>Method, template and the values of the major parameters; the provisional bucket before Discord names one.</summary>
    internal string BucketKey { get; }

    /// <summary>The major parameter values alone: a bucket Discord names is shared across routes, but per resource.</summary>
    internal string MajorKey { get; }

    public bool IsInteraction { get; }

    public bool ExemptFromGlobalLimit => IsInteraction;

    public bool UsesBotToken => !IsInteraction;

    public override string ToString() => $"{Method} {Template}";

    /// <summary>A route from a template such as <c>/channels/{channel_id}/messages/{message_id}</c> and its values, in order.</summary>
    public static DiscordRoute Create(HttpMethod method, string template, params string[] values)
    {
        var path = new StringBuilder();
        var key = new StringBuilder(method.Method).Append(' ');
        var majors = new StringBuilder();
        var next = 0;
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                path.Append(template, at, template.Length - at);
                key.Append(template, at, template.Length - at);
                break;
            }
            var close = template.IndexOf('}', open);
            path.Append(template, at, open - at);
            key.Append(template, at, open - at);
            var name = template[(open + 1)..close];
            if (next >= values.Length)
            {
                throw new ArgumentException($"Route {template} needs a value for {{{name}}}.", nameof(values));
            }
            var value = values[next++];
            ArgumentException.ThrowIfNullOrEmpty(value, name);
            path.Append(Uri.EscapeDataString(value));
            var major = !MajorParameters.Contains(name) ? null
                : SecretParameters.Contains(name) ? Fingerprint(value)
                : value;
            key.Append(major ?? "{" + name + "}");
            if (major is not null)
            {
                majors.Append(major).Append('/');
            }
            at = close + 1;
        }
        if (next != values.Length)
        {
            throw new ArgumentException($"Route {template} takes {next} values, not {values.Length}.", nameof(values));
        }
        return new DiscordRoute(method, template, path.ToString(), key.ToString(), majors.ToString());
    }

    private static string Fingerprint(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), 0, 8);
}
