using Bot.Embeddings.Onnx;
using Microsoft.Extensions.Options;

namespace Bot.Embeddings;

/// <summary>Checks on start that the provider is one the bot knows and that its model files are where they should be.</summary>
public sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(EmbeddingOptions options)
    {
        var provider = options.Provider.Trim();
        if (provider.Equals("use-lite", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Bot:Embeddings:Provider use-lite was retired: {PackagedModels.MiniLmName} (the default) ranks papers far better with no Node.js needed; a store embedded with USE-lite is re-embedded in the background.";
            yield break;
        }
        if (!EmbeddingProviders.IsKnown(provider))
        {
            yield return $"Bot:Embeddings:Provider must be one of: {string.Join(", ", EmbeddingProviders.Known)} (or packaged models joined by +, such as {PackagedModels.MiniLmName}+{PackagedModels.ArcticXsName}).";
            yield break;
        }
        foreach (var profile in EmbeddingProviders.PackagedProfiles(provider))
        {
            if (!File.Exists(Path.Combine(profile.Folder, "model.onnx")) || !File.Exists(Path.Combine(profile.Folder, "vocab.txt")))
            {
                yield return $"Bot:Embeddings:Provider {provider}: {Path.GetFullPath(profile.Folder)} lacks model.onnx or vocab.txt. The build copies them out of the model's NuGet package; run `dotnet build` again.";
            }
        }
        if (provider.Equals(OnnxEmbeddingOptions.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var problem in OnnxProblems(options.Onnx))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> OnnxProblems(OnnxEmbeddingOptions options)
    {
        const string section = OnnxEmbeddingOptions.Section;
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            yield return $"{section}:ModelPath is required with Provider = onnx: the folder of an exported model (model.onnx and tokenizer.json or vocab.txt).";
        }
        else if (!Directory.Exists(options.ModelPath))
        {
            yield return $"{section}:ModelPath: the folder {Path.GetFullPath(options.ModelPath)} does not exist.";
        }
        else
        {
            if (!File.Exists(Path.Combine(options.ModelPath, "model.onnx")))
            {
                yield return $"{section}:ModelPath: {Path.GetFullPath(options.ModelPath)} has no model.onnx.";
            }
            if (!File.Exists(Path.Combine(options.ModelPath, "tokenizer.json")) && !File.Exists(Path.Combine(options.ModelPath, "vocab.txt")))
            {
                yield return $"{section}:ModelPath: {Path.GetFullPath(options.ModelPath)} has neither tokenizer.json nor vocab.txt.";
            }
        }
        if (options.MaxTokens is < 2 or > BertTokenizerLoader.MaxSupportedLength)
        {
            yield return $"{section}:MaxTokens must be between 2 and {BertTokenizerLoader.MaxSupportedLength}.";
        }
        if (!options.Pooling.Equals("mean", StringComparison.OrdinalIgnoreCase) && !options.Pooling.Equals("cls", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{section}:Pooling must be mean or cls.";
        }
    }
}
