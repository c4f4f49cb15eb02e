namespace Bot.Store;

/// <summary>
/// The store was written by a newer build whose schema this one does not know. Front ends report the
/// message and stop instead of touching the file.
/// </summary>
public sealed class StoreVersionException(string message) : InvalidOperationException(message);
