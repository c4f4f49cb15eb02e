using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Bot.Hosting;

/// <summary>
/// Log lines appended to a file, one per entry with time, level and category: where the interactive
/// console's logs go, so they do not print into the line being typed. Writes are serialised; a file
/// that cannot be written drops the line rather than stopping the bot.
/// </summary>
public sealed class FileLoggerProvider(string path, TimeProvider clock) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer;

    public string Path { get; } = path;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    private void Write(string line)
    {
        lock (_lock)
        {
            try
            {
                if (_writer is null)
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
                    _writer = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                }
                _writer.WriteLine(line);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var time = provider.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            provider.Write($"{time} {logLevel,-11} {category}: {formatter(state, exception)}" + (exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message));
        }
    }

    private TimeProvider Clock => clock;
}
