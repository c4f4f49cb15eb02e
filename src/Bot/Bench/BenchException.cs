namespace Bot.Bench;

/// <summary>A benchmark cannot run as asked (missing inputs, a store that is not a synthetic one).</summary>
public sealed class BenchException(string message) : Exception(message);
