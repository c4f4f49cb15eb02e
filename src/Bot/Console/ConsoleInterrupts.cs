namespace Bot.Console;

/// <summary>
/// The console command that is running, so that Ctrl+C can cancel it rather than the bot: a model that
/// streams slowly, or a long ingest, should cost the user one keystroke, not a restart.
/// </summary>
public sealed class ConsoleInterrupts
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _running;

    /// <summary>Marks <paramref name="command"/> as the one running until the returned handle is disposed.</summary>
    public IDisposable Running(CancellationTokenSource command)
    {
        lock (_gate)
        {
            _running = command;
        }
        return new Done(this, command);
    }

    /// <summary>Cancels the running command; false when none is running (or it was cancelled already), and the interrupt is a stop.</summary>
    public bool CancelRunning()
    {
        CancellationTokenSource? running;
        lock (_gate)
        {
            running = _running;
            _running = null;
        }
        if (running is null)
        {
            return false;
        }
        running.Cancel();
        return true;
    }

    private sealed class Done(ConsoleInterrupts owner, CancellationTokenSource command) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (ReferenceEquals(owner._running, command))
                {
                    owner._running = null;
                }
            }
        }
    }
}
