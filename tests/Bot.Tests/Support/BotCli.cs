using System.Diagnostics;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>Runs the real <c>bot</c> CLI as a child process, the way a user or a script does.</summary>
internal static class BotCli
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string[] StdOutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>bot.dll is copied next to the test assembly because the test project references src/Bot.</summary>
    public static string BotDll => Path.Combine(AppContext.BaseDirectory, "bot.dll");

    /// <summary>The dotnet host running the tests, so the child uses the same runtime.</summary>
    public static string DotnetHost { get; } = FindHost();

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(BotDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Settings of the machine running the tests must not leak into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Bot__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        // Lexical search unless a test asks for a model: the real models have tests of their own.
        info.Environment["Bot__Embeddings__Provider"] = "none";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return info;
    }

    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> arguments, string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        using var process = Process.Start(StartInfo(workingDirectory, arguments, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bot {string.Join(' ', arguments)} did not finish in {timeoutSeconds} s; stderr: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string FindHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}

/// <summary>Tests that start child processes run one class at a time: the machine has few cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessCollection
{
    public const string Name = "Child processes";
}
