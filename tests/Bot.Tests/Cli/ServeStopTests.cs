using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Cli;

/// <summary>
/// Issue 14, item 10: SIGTERM stops <c>serve</c> within 5 s, idle with a console whose input stays open
/// (it took 31 s: the console's read ignored the stop), or in the middle of writing a large digest,
/// which is then stored whole or not at all, and its file is not lost.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class ServeStopTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(5);

    [LinuxFact]
    public async Task Serve_SigtermWhileIdleWithConsoleInputOpen_StopsWithinFiveSeconds()
    {
        using var folder = new TempDirectory();
        using var serve = Start(folder, settleSeconds: 1);
        await serve.WaitForLogAsync("Watching the inbox");

        var stopped = await serve.TerminateAsync();

        Assert.True(stopped < StopWithin, $"serve took {stopped.TotalSeconds:0.0} s to stop");
    }

    [LinuxFact]
    public async Task Serve_SigtermWhileWritingALargeDigest_StopsWithinFiveSecondsWithAllOrNothingStored()
    {
        using var folder = new TempDirectory();
        const int papers = 8_000;
        var staged = folder.File("large.txt");
        DigestText.WriteLarge(staged, papers);
        using var serve = Start(folder, settleSeconds: 0);
        await serve.WaitForLogAsync("Watching the inbox");
        File.Move(staged, Path.Combine(folder.Path, "inbox", "large.txt"));
        await serve.WaitForLogAsync("Writing digest");

        var stopped = await serve.TerminateAsync();

        Assert.True(stopped < StopWithin, $"serve took {stopped.TotalSeconds:0.0} s to stop");
        using var connection = StoreProbe.Open(folder.File("bot.db"));
        StoreProbe.AssertIntact(folder.File("bot.db"));
        var digests = StoreProbe.Count(connection, "digests");
        Assert.Equal(digests * papers, StoreProbe.Count(connection, "appearances"));
        // Stored and moved on, or not stored and still there to be read by the next start.
        var kept = Directory.GetFiles(Path.Combine(folder.Path, "inbox"), "large*.txt", SearchOption.AllDirectories);
        Assert.Single(kept);
        SqliteConnection.ClearAllPools();
    }

    private static ServeProcess Start(TempDirectory folder, double settleSeconds) => new(BotCli.StartInfo(folder.Path, ["serve", "--db", folder.File("bot.db")], new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Information",
        ["Bot__Inbox__Path"] = Path.Combine(folder.Path, "inbox"),
        ["Bot__Inbox__SamplesPath"] = "",
        ["Bot__Inbox__PollSeconds"] = "0.2",
        ["Bot__Inbox__SettleSeconds"] = settleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bot__Ingest__MaxFileBytes"] = "1000000000",
    }));

    /// <summary>A running <c>serve</c> whose standard input stays open, as a terminal's does.</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _log = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.Ordinal);

        public ServeProcess(ProcessStartInfo info)
        {
            _process = new Process { StartInfo = info };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }
                _log.Enqueue(e.Data);
                foreach (var (text, wait) in _waits)
                {
                    if (e.Data.Contains(text, StringComparison.Ordinal))
                    {
                        wait.TrySetResult();
                    }
                }
            };
            _process.OutputDataReceived += (_, _) => { };
            _process.Start();
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public async Task WaitForLogAsync(string text)
        {
            var wait = _waits.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_log.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                wait.TrySetResult();
            }
            try
            {
                await wait.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no \"{text}\" from serve in 60 s; its log:\n{string.Join('\n', _log)}");
            }
        }

        /// <summary>Sends SIGTERM and returns how long the process took to exit.</summary>
        public async Task<TimeSpan> TerminateAsync()
        {
            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await kill.WaitForExitAsync();
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return clock.Elapsed;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
        }
    }
}
