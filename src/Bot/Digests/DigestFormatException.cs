namespace Bot.Digests;

/// <summary>The input is not a digest we can read. The message names the file and what was expected.</summary>
public sealed class DigestFormatException(string sourceName, string problem)
    : Exception($"{sourceName}: {problem}")
{
    public string SourceName { get; } = sourceName;
    public string Problem { get; } = problem;
}
