namespace Bot.Llm;

/// <summary>
/// The chat endpoint failed for good: refused the request (401, 400…), or kept failing or timing out
/// after every retry. <see cref="Reason"/> is short and safe to show: a status code or "timed out",
/// never the server's message (which may echo part of a key). For the same reason the failure it
/// stands for is kept by its type only, not as an inner exception: whoever logs this exception
/// (Semantic Kernel logs a failed function with it) cannot print the server's text.
/// </summary>
public sealed class LanguageModelException(string reason, Exception? cause = null)
    : Exception($"The language model failed: {reason}.")
{
    public string Reason { get; } = reason;

    /// <summary>The endpoint answered, but not as asked (kept calling tools after it was told to answer, or would not stop).</summary>
    public bool Misbehaved { get; init; }

    /// <summary>Tokens the failed request had already cost (a stream cut off at a cap), to be charged all the same.</summary>
    public long TokensUsed { get; init; }

    /// <summary>The type of the failure behind this one (an HTTP error, a timeout), for diagnostics.</summary>
    public string? CauseType { get; } = cause?.GetType().Name;
}
