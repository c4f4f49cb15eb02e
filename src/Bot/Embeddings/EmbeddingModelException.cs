namespace Bot.Embeddings;

/// <summary>
/// The embedding model cannot be used: a file is missing, cut off or not what it should be. The message
/// names the file and what to do; the command line reports it in one line, not a stack trace.
/// </summary>
public sealed class EmbeddingModelException(string message, Exception? inner = null) : Exception(message, inner);
