namespace Bot.Tests;

/// <summary>Where the repository and the shared fixtures are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedDigests => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "digests"));

    public static string SharedEval => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "eval"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
