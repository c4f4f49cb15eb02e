using System.Diagnostics;
using Bot.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Tests.Store;

/// <summary>A large digest on disk, written once for the crash tests.</summary>
public sealed class LargeDigestFixture : IDisposable
{
    public const int Papers = 20_000;

    private readonly TempDirectory _directory = new();

    public LargeDigestFixture()
    {
        FilePath = _directory.File("large-digest.txt");
        DigestText.WriteLarge(FilePath, Papers);
    }

    public string FilePath { get; }

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// Kills a real ingest process while it writes and checks what the store holds afterwards: one digest
/// is one transaction, so the store has all of it or none of it, never a part.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class CrashSafetyTests(LargeDigestFixture digest, ITestOutputHelper output) : IClassFixture<LargeDigestFixture>
{
    private static readonly Dictionary<string, string> ChildEnvironment = new()
    {
        // "Writing digest ..." is an Information line on standard error, logged just before the write.
        ["Logging__LogLevel__Default"] = "Information",
        ["Bot__Ingest__MaxFileBytes"] = "1000000000",
    };

    [Fact]
    public async Task Ingest_KilledWhileWriting_LeavesAllOrNothingAndRerunCompletes()
    {
        var random = new Random(20240506);
        int[] delaysMs = [random.Next(0, 10), random.Next(20, 150), random.Next(200, 600)];
        foreach (var delay in delaysMs)
        {
            using var folder = new TempDirectory();
            var database = folder.File("bot.db");

            var killed = await KillWhileWritingAsync(folder.Path, database, delay);

            var afterKill = AssertAllOrNothing(database);
            output.WriteLine($"killed {delay} ms after 'Writing digest' (process {(killed ? "killed" : "had already finished")}): {afterKill.Papers} papers");

            var rerun = await BotCli.RunAsync(folder.Path, ["ingest", digest.FilePath, "--db", database, "--json"], environment: ChildEnvironment);
            Assert.True(rerun.ExitCode == 0, rerun.StdErr);
            var complete = AssertAllOrNothing(database);
            Assert.Equal((LargeDigestFixture.Papers, 1L), (complete.Papers, complete.Digests));
        }
    }

    private async Task<bool> KillWhileWritingAsync(string workingDirectory, string database, int delayMs)
    {
        using var process = new Process { StartInfo = BotCli.StartInfo(workingDirectory, ["ingest", digest.FilePath, "--db", database], ChildEnvironment) };
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            stderr.Enqueue(e.Data);
            if (e.Data.Contains("Writing digest", StringComparison.Ordinal))
            {
                writing.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.StandardInput.Close();
        try
        {
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the child never logged 'Writing digest'; stderr: " + string.Join('\n', stderr));
        }
        await Task.Delay(delayMs);
        var killed = !process.HasExited;
        if (killed)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        return killed;
    }

    private static StoreProbe.Snapshot AssertAllOrNothing(string database)
    {
        StoreProbe.AssertIntact(database);
        var snapshot = StoreProbe.Take(database);
        Assert.Equal(snapshot.Papers, snapshot.FtsDocuments);
        if (snapshot.Digests == 0)
        {
            Assert.Equal((0L, 0L, 0L), (snapshot.Papers, snapshot.Appearances, snapshot.Links));
        }
        else
        {
            Assert.Equal((1L, (long)LargeDigestFixture.Papers, (long)LargeDigestFixture.Papers), (snapshot.Digests, snapshot.Papers, snapshot.Appearances));
        }
        return snapshot;
    }
}
