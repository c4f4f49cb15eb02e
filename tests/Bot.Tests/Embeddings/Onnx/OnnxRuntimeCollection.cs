namespace Bot.Tests.Embeddings.Onnx;

/// <summary>
/// Every test that creates ORT objects runs in this collection, one at a time and apart from the
/// parallel tests, so the live-handle count and the process's thread count mean something.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OnnxRuntimeCollection
{
    public const string Name = "OnnxRuntime";
}
