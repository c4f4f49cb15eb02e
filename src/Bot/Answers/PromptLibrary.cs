using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;

namespace Bot.Answers;

/// <summary>The prompt folder is missing, a prompt is malformed, or it is given values it does not declare or lacks one it needs.</summary>
public sealed class PromptTemplateException(string message) : Exception(message);

/// <summary>
/// The Semantic Kernel prompt functions of the <c>prompts/</c> folder: one folder per prompt with its
/// template (<c>skprompt.txt</c>, written with <c>&lt;message role="…"&gt;</c> tags) and its configuration
/// (<c>config.json</c>: input variables and execution settings). The template engine HTML-encodes every
/// value and decodes it only inside a message tag, so a value holding <c>&lt;/message&gt;</c> stays in the
/// message it was put in. The engine renders a missing value as empty text, so the values are checked
/// here against the declared variables first.
/// </summary>
public sealed partial class PromptLibrary
{
    private readonly Dictionary<string, LoadedPrompt> _prompts;

    private PromptLibrary(Dictionary<string, LoadedPrompt> prompts) => _prompts = prompts;

    private sealed record LoadedPrompt(KernelFunction Function, PromptTemplateConfig Config, string Version);

    public IReadOnlyCollection<string> Names => _prompts.Keys;

    /// <summary>Loads every prompt folder of <paramref name="folder"/>; a malformed one is an error naming it.</summary>
    public static PromptLibrary Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new PromptTemplateException($"The prompts folder {Path.GetFullPath(folder)} does not exist.");
        }
        var prompts = new Dictionary<string, LoadedPrompt>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            var templatePath = Path.Combine(directory, "skprompt.txt");
            var configPath = Path.Combine(directory, "config.json");
            if (!File.Exists(templatePath) || !File.Exists(configPath))
            {
                throw new PromptTemplateException($"Prompt '{name}': the folder needs skprompt.txt and config.json.");
            }
            var template = File.ReadAllText(templatePath, Encoding.UTF8);
            var configText = File.ReadAllText(configPath, Encoding.UTF8);
            PromptTemplateConfig config;
            try
            {
                config = PromptTemplateConfig.FromJson(configText);
            }
            catch (Exception exception) when (exception is ArgumentException or System.Text.Json.JsonException)
            {
                throw new PromptTemplateException($"Prompt '{name}': config.json is not a prompt configuration ({exception.Message}).");
            }
            config.Template = template;
            config.Name = name.Replace('-', '_');
            Check(name, config);
            // No logger factory: Semantic Kernel would log a failure under the prompt's name with the
            // exception's text, which is the server's and may echo the key. ModelCallLog logs calls instead.
            var function = KernelFunctionFactory.CreateFromPrompt(config);
            // The version covers both files: another template or other settings make another prompt.
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template + "\0" + configText)))[..16];
            prompts[name] = new LoadedPrompt(function, config, version);
        }
        if (prompts.Count == 0)
        {
            throw new PromptTemplateException($"The prompts folder {Path.GetFullPath(folder)} holds no prompt folders (each with skprompt.txt and config.json).");
        }
        return new PromptLibrary(prompts);
    }

    /// <summary>The variables a template uses, as <c>{{$name}}</c>.</summary>
    public IReadOnlySet<string> Placeholders(string name) => Variables(Prompt(name).Config.Template);

    /// <summary>The prompt as a kernel function, to invoke with <see cref="Arguments"/>.</summary>
    public KernelFunction Function(string name) => Prompt(name).Function;

    /// <summary>
    /// The values for a prompt, checked against its declared variables (a missing or undeclared one is an
    /// error), with its execution settings: those the file declares, and where it is silent,
    /// <paramref name="maxTokens"/> and <paramref name="temperature"/> from the configuration.
    /// </summary>
    public KernelArguments Arguments(string name, IReadOnlyDictionary<string, string> values, int maxTokens, double temperature)
    {
        var prompt = Prompt(name);
        var declared = prompt.Config.InputVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Where(v => !values.TryGetValue(v, out var value) || value is null).Order(StringComparer.Ordinal).ToList();
        var unknown = values.Keys.Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new PromptTemplateException($"Prompt '{name}': " + string.Join("; ", new[]
            {
                missing.Count > 0 ? $"no value for {string.Join(", ", missing)}" : null,
                unknown.Count > 0 ? $"the template has no variable {string.Join(", ", unknown)}" : null,
            }.Where(part => part is not null)));
        }
        var settings = prompt.Config.DefaultExecutionSettings?.Clone() ?? new PromptExecutionSettings();
        settings.ExtensionData ??= new Dictionary<string, object>();
        settings.ExtensionData.TryAdd("max_tokens", maxTokens);
        settings.ExtensionData.TryAdd("temperature", temperature);
        var arguments = new KernelArguments(settings);
        foreach (var (key, value) in values)
        {
            arguments[key] = value;
        }
        return arguments;
    }

    /// <summary>Whether the prompt lets the model call the kernel's plugins (its file declares a function choice behaviour).</summary>
    public bool UsesTools(string name) => Prompt(name).Config.DefaultExecutionSettings?.FunctionChoiceBehavior is not null;

    /// <summary>The template as written (what the output guard checks for quoted instructions).</summary>
    public string Text(string name) => Prompt(name).Config.Template;

    /// <summary>A short hash of the prompt's two files: a cached result written with another version is stale.</summary>
    public string Version(string name) => Prompt(name).Version;

    private LoadedPrompt Prompt(string name) =>
        _prompts.TryGetValue(name, out var prompt)
            ? prompt
            : throw new PromptTemplateException($"There is no prompt '{name}' (known: {string.Join(", ", _prompts.Keys.Order(StringComparer.Ordinal))}).");

    private static void Check(string name, PromptTemplateConfig config)
    {
        if (config.TemplateFormat != PromptTemplateConfig.SemanticKernelTemplateFormat)
        {
            throw new PromptTemplateException($"Prompt '{name}': template_format must be semantic-kernel (the only engine served here).");
        }
        if (config.AllowDangerouslySetContent || config.InputVariables.Any(v => v.AllowDangerouslySetContent))
        {
            throw new PromptTemplateException($"Prompt '{name}': values are paper and user text and must stay encoded; remove allow_dangerously_set_content.");
        }
        if (!MessageTag().IsMatch(config.Template))
        {
            // Without message tags the engine's encoding would reach the model as "&lt;paper&gt;", and the
            // split between the rules and the data would be gone.
            throw new PromptTemplateException($"Prompt '{name}': write the template with <message role=\"system\"> and <message role=\"user\"> tags.");
        }
        if (BareName().Match(config.Template) is { Success: true } bare)
        {
            throw new PromptTemplateException($"Prompt '{name}': {bare.Value} is read as a function call; write variables as {{{{${bare.Groups["name"].Value}}}}}.");
        }
        var used = Variables(config.Template);
        var declared = config.InputVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var undeclared = used.Except(declared).Order(StringComparer.Ordinal).ToList();
        var unused = declared.Except(used).Order(StringComparer.Ordinal).ToList();
        if (undeclared.Count > 0 || unused.Count > 0)
        {
            throw new PromptTemplateException($"Prompt '{name}': " + string.Join("; ", new[]
            {
                undeclared.Count > 0 ? $"config.json does not declare {string.Join(", ", undeclared)}" : null,
                unused.Count > 0 ? $"the template never uses {string.Join(", ", unused)}" : null,
            }.Where(part => part is not null)));
        }
    }

    private static HashSet<string> Variables(string template) =>
        Variable().Matches(template).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\{\s*\$(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex BareName();

    [GeneratedRegex(@"<message\s+role=""(system|user)"">")]
    private static partial Regex MessageTag();
}
