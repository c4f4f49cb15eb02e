namespace Bot.Discord.Gateway;

/// <summary>
/// The only way the gateway client reaches the network, so tests can script a fake gateway.
/// One connection at a time: <see cref="ConnectAsync"/> replaces any previous one.
/// </summary>
public interface IGatewayTransport
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one complete UTF-8 JSON text message. Callers never send concurrently.</summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// The next whole message (fragments joined) or the server's close. Throws on a dropped connection.
    /// The returned bytes are valid until the next call.
    /// </summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection with this code; never throws for a connection already gone.</summary>
    Task DisconnectAsync(int closeCode, CancellationToken cancellationToken);
}

/// <summary>One received message, or the close frame (<see cref="IsClose"/>) with its status.</summary>
public readonly record struct GatewayFrame(ReadOnlyMemory<byte> Message, bool IsClose, int? CloseStatus, string? CloseReason)
{
    public static GatewayFrame Text(ReadOnlyMemory<byte> message) => new(message, false, null, null);

    public static GatewayFrame Closed(int? status, string? reason) => new(ReadOnlyMemory<byte>.Empty, true, status, reason);
}
