using System.Runtime.CompilerServices;
using Bot.Embeddings.Onnx;

namespace Bot.Tests.Embeddings;

internal static class OnnxRuntimeFirst
{
    /// <summary>
    /// The packages' own encoders, which some tests run, create ONNX Runtime's environment with its
    /// telemetry on; the bot's must come first, in this process too, so the tests write nothing under ~/.cache.
    /// </summary>
    [ModuleInitializer]
    internal static void CreateTheBotsEnvironment() => _ = OnnxRuntimeEnvironment.Instance;
}
