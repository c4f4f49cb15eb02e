namespace Bot.Discord.Gateway;

/// <summary>
/// The only way the gateway client reaches the network, so tests can script a fake gateway.
/// One connection at a time: <see cref="ConnectAsync"/> replaces any previous one.
/// </summary>
public interface IGatewayTransport
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one complete UTF-8 JSON text message. Callers never send concurrently. Cancelling stops the
    /// wait, not the connection, so <paramref name="message"/> must stay unchanged even then.
    /// </summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// The next whole message (fragments joined) or the server's close. Throws on a dropped connection.
    /// The returned bytes are valid until the next call. Cancelling stops the wait but leaves the
    /// connection open, so that <see cref="DisconnectAsync"/> can still send a close frame; after a
    /// cancelled receive only <see cref="DisconnectAsync"/> may follow.
    /// </summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends a close frame with this code and waits, until <paramref name="cancellationToken"/> fires,
    /// for the server's close; never throws for a connection already gone.
    /// </summary>
    Task DisconnectAsync(int closeCode, CancellationToken cancellationToken);
}

/// <summary>One received message, or the close frame (<see cref="IsClose"/>) with its status.</summary>
public readonly record struct GatewayFrame(ReadOnlyMemory<byte> Message, bool IsClose, int? CloseStatus, string? CloseReason)
{
    public static GatewayFrame Text(ReadOnlyMemory<byte> message) => new(message, false, null, null);

    public static GatewayFrame Closed(int? status, string? reason) => new(ReadOnlyMemory<byte>.Empty, true, status, reason);
}
