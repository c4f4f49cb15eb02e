using System.Text.RegularExpressions;

namespace Bot.Tests.Architecture;

/// <summary>The folders' boundaries as the README draws them, checked in the source so a shortcut fails the build's tests.</summary>
public sealed partial class BoundaryTests
{
    private static readonly string Source = Path.Combine(TestPaths.RepoRoot, "src", "Bot");

    [Fact]
    public void Llm_IsAccessToTheModelOnly_AndImportsNothingThatMakesAnswers()
    {
        var offenders = Files("Llm").Where(f => AnswersReference().IsMatch(File.ReadAllText(f))).Select(Path.GetFileName).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Prompts_AreFilesNotCSharpStrings()
    {
        // A template's tell-tale: a message tag or an SK variable inside C# code. PromptLibrary names them
        // in the errors it gives for a malformed prompt file.
        var offenders = Files("").Where(f => PromptInCode().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Source, f))
            .Where(f => f != Path.Combine("Answers", "PromptLibrary.cs")).ToList();

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bBot\.Answers\b")]
    private static partial Regex AnswersReference();

    [GeneratedRegex(@"""[^""\n]*(<message role=|\{\{\$)[^""\n]*""")]
    private static partial Regex PromptInCode();
}
