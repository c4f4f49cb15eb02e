using System.Net;

namespace Bot.Discord.Rest;

/// <summary>
/// A REST call Discord refused or that kept failing. The message names the route template, never the
/// path (it can hold an interaction token) and never the bot token.
/// </summary>
public sealed class DiscordApiException(
    string route,
    HttpStatusCode? statusCode,
    int code,
    string discordMessage,
    string? errorSummary = null,
    Exception? innerException = null)
    : Exception(Describe(route, statusCode, code, discordMessage, errorSummary), innerException)
{
    /// <summary>Method and template, <c>POST /channels/{channel_id}/messages</c>.</summary>
    public string Route { get; } = route;

    /// <summary>Null when no response came (network failures).</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>Discord's JSON error code (Opcodes and Status Codes: JSON), 0 when the body had none.</summary>
    public int Code { get; } = code;

    public string DiscordMessage { get; } = discordMessage;

    /// <summary>The <c>errors</c> object flattened to "path: message" lines, or null.</summary>
    public string? ErrorSummary { get; } = errorSummary;

    private static string Describe(string route, HttpStatusCode? status, int code, string message, string? summary)
    {
        var what = status is { } s ? $"{(int)s} {s}" : "no response";
        var codePart = code != 0 ? $", code {code}" : "";
        var details = string.IsNullOrEmpty(summary) ? "" : $" ({summary})";
        return $"Discord {route} failed: {what}{codePart}: {message}{details}";
    }
}
