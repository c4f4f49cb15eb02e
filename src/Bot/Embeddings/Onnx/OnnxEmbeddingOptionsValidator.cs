using Microsoft.Extensions.Options;

namespace Bot.Embeddings.Onnx;

/// <summary>Checks on start that the model folder and the runtime library are where the settings say.</summary>
public sealed class OnnxEmbeddingOptionsValidator : IValidateOptions<OnnxEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxEmbeddingOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(OnnxEmbeddingOptions options)
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
        var library = string.IsNullOrWhiteSpace(options.LibraryPath) ? OnnxRuntimeApi.DefaultLibraryPath : options.LibraryPath;
        if (!File.Exists(library))
        {
            yield return $"{section}:LibraryPath: the ONNX Runtime library {Path.GetFullPath(library)} does not exist.";
        }
        if (options.MaxTokens is < 2 or > WordPieceTokenizerLoader.MaxSupportedLength)
        {
            yield return $"{section}:MaxTokens must be between 2 and {WordPieceTokenizerLoader.MaxSupportedLength}.";
        }
        if (options.IntraOpThreads < 0 || options.InterOpThreads < 0)
        {
            yield return $"{section}:IntraOpThreads and InterOpThreads must be 0 (ONNX Runtime chooses) or more.";
        }
        if (options.BatchSize < 1)
        {
            yield return $"{section}:BatchSize must be at least 1.";
        }
    }
}
