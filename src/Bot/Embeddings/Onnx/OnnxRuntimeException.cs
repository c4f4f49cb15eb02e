namespace Bot.Embeddings.Onnx;

/// <summary>A failure ONNX Runtime reported through an <c>OrtStatus</c>: its error code and its own message.</summary>
public sealed class OnnxRuntimeException(OrtErrorCode code, string message)
    : Exception($"ONNX Runtime: {message} ({code})")
{
    public OrtErrorCode Code { get; } = code;

    /// <summary>The message exactly as ORT wrote it.</summary>
    public string OrtMessage { get; } = message;
}
