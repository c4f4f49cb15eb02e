using System.ComponentModel.DataAnnotations;

namespace Bot.Llm;

/// <summary>
/// Settings of <c>Bot:Llm</c>: an OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI's v1 endpoint,
/// Ollama, vLLM, llama.cpp server, LM Studio). With no <see cref="Endpoint"/> or <see cref="Model"/>
/// the bot answers and summarises extractively. <see cref="ApiKey"/> comes from the environment
/// (<c>Bot__Llm__ApiKey</c>) or user-secrets, never from a committed file, and is never logged.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Bot:Llm";

    /// <summary>The API base including its version path, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model name (or an Azure deployment name).</summary>
    public string Model { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Where the key goes: <c>Authorization</c> (a bearer token, OpenAI and most servers) or <c>api-key</c> (Azure OpenAI).</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>Seconds one attempt may take (for a streamed answer: the wait for each next piece).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Attempts after the first when the endpoint times out, is rate-limited (429) or fails (5xx).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry waits this long; each later one twice as long, with jitter, or what Retry-After asks.</summary>
    [Range(0.0, 60.0)]
    public double RetryBaseSeconds { get; set; } = 1.0;

    /// <summary>Estimated tokens of paper text one answer may send (titles and abstracts, most relevant first).</summary>
    [Range(200, 200_000)]
    public int ContextTokenBudget { get; set; } = 3000;

    [Range(16, 8192)]
    public int MaxAnswerTokens { get; set; } = 400;

    /// <summary>Seconds one answer may take in all, lookups and streaming included, however steadily the model keeps sending; then it is cut off.</summary>
    [Range(5, 3600)]
    public int MaxAnswerSeconds { get; set; } = 120;

    /// <summary>Characters of text one answer may stream in all before it is cut off (a model that does not stop).</summary>
    [Range(1000, 1_000_000)]
    public int MaxAnswerCharacters { get; set; } = 16_000;

    /// <summary>Rounds of tool calls (library lookups) one answer may make before it must answer; 0 sends no tools.</summary>
    [Range(0, 10)]
    public int MaxToolRounds { get; set; } = 3;

    /// <summary>Papers one tool call returns at most (a search, a digest's list, similar papers).</summary>
    [Range(1, 20)]
    public int MaxPapersPerToolCall { get; set; } = 5;

    /// <summary>Tokens one answer may spend over all its requests; once spent, no more lookups are run and the model must answer.</summary>
    [Range(1000, 1_000_000)]
    public int MaxTokensPerAnswer { get; set; } = 16_000;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.2;

    /// <summary>Tokens one user may spend per day; 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int UserTokensPerDay { get; set; } = 20_000;

    /// <summary>Tokens one Discord server may spend per day; 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int GuildTokensPerDay { get; set; } = 200_000;

    /// <summary>The time zone whose midnight starts a new budget day (a .NET or IANA id).</summary>
    public string BudgetTimeZone { get; set; } = "UTC";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
