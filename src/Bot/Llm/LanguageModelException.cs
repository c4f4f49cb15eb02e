namespace Bot.Llm;

/// <summary>
/// The chat endpoint failed for good: refused the request (401, 400…), or kept failing or timing out
/// after every retry. <see cref="Reason"/> is short and safe to show: a status code or "timed out",
/// never the server's message (which may echo part of a key).
/// </summary>
public sealed class LanguageModelException(string reason, Exception? inner = null)
    : Exception($"The language model failed: {reason}.", inner)
{
    public string Reason { get; } = reason;
}
