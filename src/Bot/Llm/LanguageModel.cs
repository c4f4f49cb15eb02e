using Microsoft.Extensions.AI;

namespace Bot.Llm;

/// <summary>
/// The configured language model, or none: <see cref="Chat"/> is null unless <c>Bot:Llm:Endpoint</c>
/// and <c>Bot:Llm:Model</c> are set, and then every feature stays extractive.
/// </summary>
public sealed class LanguageModel(IChatClient? chat, string modelId)
{
    public IChatClient? Chat { get; } = chat;

    /// <summary>The model's name as configured (part of the summary cache key).</summary>
    public string ModelId { get; } = modelId;

    public bool IsConfigured => Chat is not null;

    /// <summary>Where the model runs, safe to show (the endpoint's host, never its key).</summary>
    public string Host { get; init; } = "";

    public string Describe() => IsConfigured ? $"{ModelId} at {Host}" : "none (answers and summaries are extractive)";

    public IChatClient Required => Chat ?? throw new InvalidOperationException("No language model is configured (Bot:Llm:Endpoint and Bot:Llm:Model).");
}
