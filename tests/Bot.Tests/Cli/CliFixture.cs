using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary>A folder with a store the real CLI filled from the shared digests, shared by the CLI tests.</summary>
public sealed class CliFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public CliFixture()
    {
        Ingest = Run("ingest", TestPaths.SharedDigests, "--json");
    }

    public string Folder => _directory.Path;

    public string Database => _directory.File("bot.db");

    /// <summary>What <c>ingest SHARED_DIGESTS --json</c> printed on the empty store.</summary>
    internal BotCli.Result Ingest { get; }

    internal BotCli.Result Run(params string[] arguments) => RunWithInput(null, arguments);

    internal BotCli.Result RunWithInput(string? standardInput, params string[] arguments) =>
        BotCli.RunAsync(Folder, [.. arguments, "--db", Database], standardInput).GetAwaiter().GetResult();

    public void Dispose() => _directory.Dispose();
}
