using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Discord.Fakes;

/// <summary>Keeps every log line (message, structured values and exception text) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new LoggerFactory([this]));

    /// <summary>Everything that was logged, as one string to search.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => e.ToString()));

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            provider.Entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

internal sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string Values, string? Exception)
{
    public override string ToString() => $"{Level} {Category} [{EventId}] {Message} | {Values} | {Exception}";
}
