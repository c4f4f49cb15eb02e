using System.Reflection;
using System.Text.RegularExpressions;

namespace Bot.Tests.Docs;

/// <summary>
/// Every setting an options class binds is documented: each section has its table in the README, and each
/// key is a row there or in the "More settings" table of the feature's page under docs/. A key added
/// without a line of documentation, or a row left behind for a key that is gone, fails here.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private static readonly string Root = TestPaths.RepoRoot;

    public static TheoryData<string> Sections() => [.. OptionsClasses().Select(t => SectionOf(t))];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Readme_EverySectionAndKey_IsDocumentedInATableRow(string section)
    {
        var type = OptionsClasses().Single(t => SectionOf(t) == section);
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var documented = TableKeys(readme).Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").SelectMany(f => TableKeys(File.ReadAllText(f)))).ToHashSet(StringComparer.Ordinal);
        var (table, prefix) = TableOf(section, readme);

        Assert.True(readme.Contains($"| `{table}`", StringComparison.Ordinal), $"README has no table for {table}");
        var missing = Keys(type, prefix).Where(k => !documented.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"{section}: undocumented keys {string.Join(", ", missing)}");
    }

    [Fact]
    public void Readme_TableRowsForRemovedKeys_DoNotExist()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var known = OptionsClasses().SelectMany(t => Keys(t, TableOf(SectionOf(t), readme).Prefix)).ToHashSet(StringComparer.Ordinal);
        var configuration = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..readme.IndexOf("## Discord set-up", StringComparison.Ordinal)];

        var stale = TableKeys(configuration).Where(k => !known.Contains(k)).ToList();

        Assert.True(stale.Count == 0, $"README documents keys no options class binds: {string.Join(", ", stale)}");
    }

    /// <summary>
    /// The table a section's keys are rows of: its own, or, for a subsection without one (Bot:Embeddings:Onnx),
    /// its parent's, where its keys are written with the subsection's name (Onnx:ModelPath).
    /// </summary>
    private static (string Table, string Prefix) TableOf(string section, string readme)
    {
        var parent = OptionsClasses().Select(SectionOf).FirstOrDefault(s => section.StartsWith(s + ":", StringComparison.Ordinal));
        return parent is null || readme.Contains($"| `{section}`", StringComparison.Ordinal) ? (section, "") : (parent, section[(parent.Length + 1)..] + ":");
    }

    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(Bot.Store.StoreOptions).Assembly, typeof(Bot.Discord.DiscordOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    private static string SectionOf(Type type) => (string)type.GetField("Section")!.GetRawConstantValue()!;

    /// <summary>The keys a class binds: its settable properties, a nested options object's as "Outer:Inner".</summary>
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var kind = property.PropertyType;
            var nested = kind.IsClass && kind != typeof(string) && !kind.IsArray && !kind.IsGenericType;
            if (nested && kind.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not null)
            {
                continue; // a section of its own, checked by its own row
            }
            foreach (var key in nested ? Keys(kind, prefix + property.Name + ":") : [prefix + property.Name])
            {
                yield return key;
            }
        }
    }

    /// <summary>The keys named in the first cell of table rows ("| `A` / `B` | default | meaning |").</summary>
    private static IEnumerable<string> TableKeys(string markdown) =>
        markdown.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => Key().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .Where(k => !k.StartsWith("Bot:", StringComparison.Ordinal));

    [GeneratedRegex("`([A-Za-z][A-Za-z:]*)`")]
    private static partial Regex Key();
}
