using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Console;

/// <summary>
/// The host's lifetime when the console front end runs: as the default console lifetime, SIGTERM and
/// SIGQUIT stop the bot, but Ctrl+C (SIGINT) first cancels the console command that is running; only
/// with none running does it stop the bot. It replaces the default rather than adding a handler,
/// because every handler registered for a signal runs, and the default's would stop the bot anyway.
/// </summary>
public sealed partial class InterruptibleConsoleLifetime(
    IHostApplicationLifetime application, ConsoleInterrupts interrupts, ILogger<InterruptibleConsoleLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            Interrupt();
        }));
        foreach (var signal in new[] { PosixSignal.SIGQUIT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                application.StopApplication();
            }));
        }
        return Task.CompletedTask;
    }

    /// <summary>Ctrl+C: cancels the running console command, or, with none running, stops the bot.</summary>
    public void Interrupt()
    {
        if (interrupts.CancelRunning())
        {
            LogCancelled();
            return;
        }
        application.StopApplication();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ctrl+C cancelled the console command that was running; Ctrl+C again (or /quit) stops the bot")]
    private partial void LogCancelled();
}
