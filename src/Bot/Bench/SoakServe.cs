using System.Diagnostics;

namespace Bot.Bench;

/// <summary>
/// One <c>serve</c> child of the soak: the same bot, its standard input held open to type commands
/// into the console, its log written to a file. Linux: memory is read from the process, and the stop is
/// a SIGTERM sent with <c>kill</c>.
/// </summary>
internal sealed class SoakServe : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _replyLines;

    public SoakServe(string name, string workingDirectory, string store, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Name = name;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        var host = Environment.ProcessPath ?? throw new BenchException("cannot tell which executable runs the bot, to start serve");
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as this process runs: through the dotnet host with bot.dll, or as the bot's own executable.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(SoakServe).Assembly.Location);
        }
        foreach (var argument in new[] { "serve", "--db", store })
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        _process = new Process { StartInfo = info };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_log)
            {
                _log.WriteLine(e.Data);
                if (e.Data.Contains(" fail: ", StringComparison.Ordinal) || e.Data.Contains(" crit: ", StringComparison.Ordinal))
                {
                    ErrorLines++;
                }
            }
            if (e.Data.Contains("Watching the inbox", StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        };
        _process.OutputDataReceived += (_, e) => Interlocked.Increment(ref _replyLines);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Error and critical log lines so far.</summary>
    public int ErrorLines { get; private set; }

    public long ReplyLines => Interlocked.Read(ref _replyLines);

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new BenchException($"{Name} did not start watching the inbox within {timeout.TotalSeconds:0} s; see its log");
        }
    }

    public async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Resident memory in bytes, read fresh.</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>Sends SIGTERM and returns the seconds until the process exited (-1 when it had to be killed after a minute).</summary>
    public async Task<double> TerminateAsync(TimeProvider clock)
    {
        var started = clock.GetTimestamp();
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            return clock.GetElapsedTime(started).TotalSeconds;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            return -1;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
