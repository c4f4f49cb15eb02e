using System.Diagnostics;
using System.Globalization;
using Bot.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>What a soak run found: the checks, and the memory and stop time of each <c>serve</c>.</summary>
public sealed record SoakResult(
    string Folder,
    int Files,
    IReadOnlyDictionary<string, int> FilesByKind,
    int CommandsSent,
    double DropSeconds,
    double DrainSeconds,
    int DigestsExpected,
    int DigestsStored,
    IReadOnlyList<string> Problems,
    IReadOnlyList<SoakInstance> Instances)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>One <c>serve</c> of the soak: resident memory (MB) when ready, at each quarter of the files and at the end; error log lines; how long SIGTERM took.</summary>
public sealed record SoakInstance(string Name, IReadOnlyList<double> ResidentMb, int ErrorLogLines, long ReplyLines, bool ExitedEarly, double StopSeconds);

/// <summary>
/// The soak behind docs/benchmarks.md (issue 14): two <c>serve</c> instances on one inbox and store,
/// files dropped into the inbox (valid, duplicate, slow, broken, FIFOs; see <see cref="SoakPlan"/>)
/// while commands are typed into both consoles. Then every valid digest must be stored exactly once
/// with all its papers, every broken or special file must be in failed/ with its reason, duplicates in
/// processed/, nothing left behind, neither instance gone, and both must stop within 5 s of SIGTERM.
/// Linux only (FIFOs, SIGTERM, /proc).
/// </summary>
public sealed class SoakRun(string folder, int files, int seed, double settleSeconds, Action<string> progress)
{
    private static readonly string[] Commands = ["/digests", "/latest", "/search robust inbox", "/status", "/search soak study since:2020-02-01", "/latest 2"];
    private readonly TimeProvider _clock = TimeProvider.System;

    private string Inbox => Path.Combine(folder, "inbox");

    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new BenchException("bench soak runs on Linux only (it makes FIFOs and stops serve with SIGTERM)");
        }
        Directory.CreateDirectory(Inbox);
        var store = Path.Combine(folder, "bot.db");
        var plan = SoakPlan.Create(files, new Random(seed));
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Bot__Inbox__Path"] = Inbox,
            ["Bot__Inbox__SamplesPath"] = "",
            ["Bot__Inbox__PollSeconds"] = "0.5",
            ["Bot__Inbox__SettleSeconds"] = settleSeconds.ToString(CultureInfo.InvariantCulture),
            // Lexical search: the soak is about the inbox, and a model would take the CPU the check needs.
            ["Bot__Embeddings__Provider"] = "none",
        };
        using var first = new SoakServe("serve-1", folder, store, environment, Path.Combine(folder, "serve-1.log"));
        using var second = new SoakServe("serve-2", folder, store, environment, Path.Combine(folder, "serve-2.log"));
        SoakServe[] instances = [first, second];
        foreach (var instance in instances)
        {
            await instance.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        }
        var memory = instances.ToDictionary(i => i.Name, i => new List<double> { Megabytes(i.ResidentBytes()) });
        progress($"two instances watching {Inbox}; dropping {files} files");

        using var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var commands = TypeCommandsAsync(instances, typing.Token);
        var started = _clock.GetTimestamp();
        var writers = new List<Task>();
        for (var i = 0; i < plan.Count; i++)
        {
            writers.Add(DropAsync(plan[i], cancellationToken));
            // A steady stream rather than one burst, so polls, settling and commands overlap.
            await Task.Delay(TimeSpan.FromMilliseconds(20), _clock, cancellationToken);
            if ((i + 1) % Math.Max(1, plan.Count / 4) == 0)
            {
                foreach (var instance in instances)
                {
                    memory[instance.Name].Add(Megabytes(instance.ResidentBytes()));
                }
                progress($"{i + 1} files dropped");
            }
        }
        await Task.WhenAll(writers);
        var dropSeconds = _clock.GetElapsedTime(started).TotalSeconds;
        await WaitUntilDrainedAsync(plan.Count, TimeSpan.FromMinutes(10), cancellationToken);
        var drainSeconds = _clock.GetElapsedTime(started).TotalSeconds;
        await typing.CancelAsync();
        var sent = await commands;

        var problems = Check(plan, store, out var expected, out var stored);
        var results = new List<SoakInstance>();
        foreach (var instance in instances)
        {
            memory[instance.Name].Add(Megabytes(instance.ResidentBytes()));
            var exitedEarly = instance.HasExited;
            var stop = exitedEarly ? -1 : await instance.TerminateAsync(_clock);
            if (exitedEarly)
            {
                problems.Add($"{instance.Name} exited during the run");
            }
            else if (stop is < 0 or > 5)
            {
                problems.Add($"{instance.Name} took {(stop < 0 ? "over a minute" : $"{stop:0.0} s")} to stop after SIGTERM");
            }
            results.Add(new SoakInstance(instance.Name, memory[instance.Name], instance.ErrorLines, instance.ReplyLines, exitedEarly, Math.Round(stop, 2)));
        }
        return new SoakResult(folder, plan.Count, plan.GroupBy(f => f.Kind.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()),
            sent, Math.Round(dropSeconds, 1), Math.Round(drainSeconds, 1), expected, stored, problems, results);
    }

    private async Task DropAsync(SoakFile file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Inbox, file.Name);
        switch (file.Kind)
        {
            case SoakKind.Special:
                using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!)
                {
                    await mkfifo.WaitForExitAsync(cancellationToken);
                }
                break;
            case SoakKind.Slow when file.Papers % 2 == 0:
                // Held open, with pauses longer than the settle window: only the check for writers holds it back.
                await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
                {
                    foreach (var part in SoakPlan.Parts(file))
                    {
                        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(part), cancellationToken);
                        await stream.FlushAsync(cancellationToken);
                        await Task.Delay(TimeSpan.FromSeconds(settleSeconds * 1.5), _clock, cancellationToken);
                    }
                }
                break;
            case SoakKind.Slow:
                // Reopened for each paper, with pauses shorter than the settle window.
                foreach (var part in SoakPlan.Parts(file))
                {
                    await File.AppendAllTextAsync(path, part, cancellationToken);
                    await Task.Delay(TimeSpan.FromSeconds(settleSeconds * 0.5), _clock, cancellationToken);
                }
                break;
            default:
                await File.WriteAllTextAsync(path, file.Content, cancellationToken);
                break;
        }
    }

    private async Task<int> TypeCommandsAsync(IReadOnlyList<SoakServe> instances, CancellationToken cancellationToken)
    {
        var sent = 0;
        try
        {
            while (true)
            {
                await instances[sent % instances.Count].TypeAsync(Commands[sent % Commands.Length]);
                sent++;
                await Task.Delay(TimeSpan.FromMilliseconds(100), _clock, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return sent;
        }
        catch (IOException)
        {
            // An instance's input closed: it exited, which the checks report.
            return sent;
        }
    }

    /// <summary>Until every file has reached processed/ or failed/ and nothing waits in the inbox or a claim folder.</summary>
    private async Task WaitUntilDrainedAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        while (Settled() < count || Directory.EnumerateFiles(Inbox).Any() || Claimed().Any())
        {
            if (_clock.GetElapsedTime(started) > timeout)
            {
                progress($"still not drained after {timeout.TotalMinutes:0} min: {Settled()} of {count} files handled");
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), _clock, cancellationToken);
        }
    }

    private int Settled() => Names("processed").Count + Names("failed").Count(n => !n.EndsWith(".error.txt", StringComparison.Ordinal));

    private IEnumerable<string> Claimed() =>
        Directory.Exists(Path.Combine(Inbox, ".claimed"))
            ? Directory.EnumerateFiles(Path.Combine(Inbox, ".claimed"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".owner", StringComparison.Ordinal))
            : [];

    private HashSet<string> Names(string sub) =>
        Directory.Exists(Path.Combine(Inbox, sub)) ? [.. Directory.EnumerateFiles(Path.Combine(Inbox, sub)).Select(f => Path.GetFileName(f))] : [];

    private List<string> Check(IReadOnlyList<SoakFile> plan, string store, out int expected, out int stored)
    {
        var problems = new List<string>();
        var processed = Names("processed");
        var failed = Names("failed");
        using var host = BenchHost.Build(store, generator: null);
        var digests = host.Services.GetRequiredService<PaperStore>().ListDigests();
        var byDay = digests.GroupBy(d => d.Date).ToDictionary(g => g.Key, g => g.ToList());
        var valid = plan.Where(f => f.Kind is SoakKind.Valid or SoakKind.Slow).ToList();
        expected = valid.Count;
        stored = digests.Count;
        if (stored != expected)
        {
            problems.Add($"{stored} digests stored, {expected} expected");
        }
        foreach (var file in valid)
        {
            var day = byDay.GetValueOrDefault(file.Day!.Value) ?? [];
            if (day.Count != 1 || day[0].PaperCount != file.Papers)
            {
                problems.Add($"{file.Name}: {day.Count} digests of {file.Day:yyyy-MM-dd} ({string.Join(", ", day.Select(d => d.PaperCount))} papers), expected one of {file.Papers}");
            }
        }
        foreach (var file in plan)
        {
            var inFailed = file.Kind is SoakKind.Broken or SoakKind.Special;
            if (inFailed && !(failed.Contains(file.Name) && failed.Contains(file.Name + ".error.txt")))
            {
                problems.Add($"{file.Name}: not in failed/ with its reason");
            }
            if (!inFailed && !processed.Contains(file.Name))
            {
                problems.Add($"{file.Name}: not in processed/{(failed.Contains(file.Name) ? " but in failed/" : "")}");
            }
        }
        var leftOver = Directory.EnumerateFiles(Inbox).Concat(Claimed()).Select(Path.GetFileName).ToList();
        if (leftOver.Count > 0)
        {
            problems.Add($"left in the inbox or a claim folder: {string.Join(", ", leftOver.Take(10))}");
        }
        return problems;
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / 1048576.0, 1);
}
