using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord;

/// <summary>
/// Runs event handling off the gateway's single reader, so a slow search never delays the next event
/// (and with it another interaction's 3-second window), and waits for what is in flight on shutdown.
/// </summary>
public sealed partial class BackgroundWork(IHostApplicationLifetime lifetime, ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogFailed(exception, what);
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On shutdown, lets the work in flight finish (an answer half sent is worse than a late stop), within the host's stop timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {What} failed")]
    private partial void LogFailed(Exception exception, string what);
}
