using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Cli;

public sealed record IngestOutput(int Digests, int DigestsExisting, int PapersNew, int PapersExisting, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors);

public sealed record SearchOutputResult(string Id, string Title, double Score, IReadOnlyList<string> Digests, string FirstSeen, string? Link);

public sealed record SearchOutput(string Mode, IReadOnlyList<SearchOutputResult> Results, string? Error = null);

public sealed record LinkOutput(string Url, string Kind);

public sealed record AppearanceOutput(string Digest, string Date, int Position, string Source);

public sealed record PaperOutput(string Id, string Title, string Abstract, string FirstSeen, string LastSeen, IReadOnlyList<AppearanceOutput> Appearances, IReadOnlyList<LinkOutput> Links);

public sealed record ModeMetricsOutput(
    [property: JsonPropertyName("ndcg@10")] double NdcgAt10,
    [property: JsonPropertyName("recall@10")] double RecallAt10,
    double Mrr,
    int Queries);

public sealed record EvalSearchOutput(IReadOnlyDictionary<string, ModeMetricsOutput> Modes);

/// <summary>Answer quality, and with a language model the tool rounds, tool calls and tokens an answer took on average.</summary>
public sealed record EvalAnswersOutput(double CitedFirst, double Keywords, int Questions, string Mode, double ToolRounds, double ToolCalls, double Tokens);

public sealed record ErrorOutput(string Error);

public sealed record EmbedOutput(string Model, float[] Embedding);

/// <summary>Source-generated JSON for everything the CLI prints: snake_case, no indentation (one object per line).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestOutput))]
[JsonSerializable(typeof(SearchOutput))]
[JsonSerializable(typeof(PaperOutput))]
[JsonSerializable(typeof(EvalSearchOutput))]
[JsonSerializable(typeof(EvalAnswersOutput))]
[JsonSerializable(typeof(Commands.StatusReport))]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(EmbedOutput))]
[JsonSerializable(typeof(Bench.IngestBenchResult))]
[JsonSerializable(typeof(Bench.EmbedBenchResult))]
[JsonSerializable(typeof(Bench.SearchBenchResult))]
[JsonSerializable(typeof(Bench.RecommendBenchResult))]
[JsonSerializable(typeof(Bench.SoakResult))]
public sealed partial class CliJsonContext : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);
}
