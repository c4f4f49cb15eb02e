using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Answers;

/// <summary>The prompt file is missing, uses placeholders it is not given, or lacks one it must use.</summary>
public sealed class PromptTemplateException(string message) : Exception(message);

/// <summary>
/// A rendered prompt in two parts: the template above its <c>---</c> line (the task and rules, sent as
/// the system message) and below it (the papers and the user's text, sent as the user message), so
/// a model weighs the rules above anything the data says. A template without the line is all data.
/// </summary>
public sealed record RenderedPrompt(string Instructions, string Data)
{
    /// <summary>Both parts, as one text (for token estimates).</summary>
    public string Text => Instructions.Length == 0 ? Data : Instructions + "\n" + Data;
}

/// <summary>
/// Prompt templates from the <c>prompts/</c> folder: plain text with named placeholders such as
/// <c>{{question}}</c>. Values are inserted as they are, once, left to right, so a value that itself
/// contains "{{...}}" (hostile paper text) is never expanded again.
/// </summary>
public sealed partial class PromptLibrary
{
    private readonly Dictionary<string, string> _templates;

    private PromptLibrary(Dictionary<string, string> templates) => _templates = templates;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Loads every <c>*.md</c> template of <paramref name="folder"/> except its README.</summary>
    public static PromptLibrary Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new PromptTemplateException($"The prompts folder {Path.GetFullPath(folder)} does not exist.");
        }
        var templates = Directory.EnumerateFiles(folder, "*.md")
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f, Encoding.UTF8), StringComparer.Ordinal);
        return new PromptLibrary(templates);
    }

    /// <summary>The placeholders a template uses.</summary>
    public IReadOnlySet<string> Placeholders(string name) =>
        Placeholder().Matches(Template(name)).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Fills every placeholder of <paramref name="name"/>; a placeholder without a value, or a value no placeholder takes, is an error.</summary>
    public string Render(string name, IReadOnlyDictionary<string, string> values)
    {
        var template = Template(name);
        Check(name, values);
        return Fill(template, values);
    }

    /// <summary>Like <see cref="Render"/>, split at the template's <c>---</c> line before any value goes in (a value holding "---" splits nothing).</summary>
    public RenderedPrompt RenderParts(string name, IReadOnlyDictionary<string, string> values)
    {
        var template = Template(name);
        Check(name, values);
        var marker = PartMarker().Match(template);
        return marker.Success
            ? new RenderedPrompt(Fill(template[..marker.Index], values).TrimEnd(), Fill(template[(marker.Index + marker.Length)..], values).TrimStart('\r', '\n'))
            : new RenderedPrompt("", Fill(template, values));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values[match.Groups["name"].Value]);

    private void Check(string name, IReadOnlyDictionary<string, string> values)
    {
        var used = Placeholders(name);
        var missing = used.Where(p => !values.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var unused = values.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unused.Count > 0)
        {
            throw new PromptTemplateException(
                $"Prompt '{name}': " + string.Join("; ", new[]
                {
                    missing.Count > 0 ? $"no value for {string.Join(", ", missing)}" : null,
                    unused.Count > 0 ? $"the template has no placeholder for {string.Join(", ", unused)}" : null,
                }.Where(part => part is not null)));
        }
    }

    /// <summary>The template's text as loaded, placeholders and all (what the output guard checks for leaks).</summary>
    public string Text(string name) => Template(name);

    /// <summary>A short hash of the template text: a cached result written with another version is stale.</summary>
    public string Version(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Template(name))))[..16];

    private string Template(string name) =>
        _templates.TryGetValue(name, out var template)
            ? template
            : throw new PromptTemplateException($"There is no prompt '{name}' (known: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}).");

    [GeneratedRegex(@"\{\{(?<name>[a-z_]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^---[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex PartMarker();
}
