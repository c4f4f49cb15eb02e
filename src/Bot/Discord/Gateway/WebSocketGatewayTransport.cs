using System.Buffers;
using System.Net.WebSockets;

namespace Bot.Discord.Gateway;

/// <summary>
/// <see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>. A ClientWebSocket cannot be
/// reopened, so each connect makes a new one.
/// </summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport, IDisposable
{
    // Large dispatches (GUILD_CREATE of a big guild) arrive in many frames; refuse a runaway message.
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private ClientWebSocket? _socket;

    private ClientWebSocket Socket => _socket ?? throw new InvalidOperationException("Not connected.");

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        _socket = new ClientWebSocket();
        await _socket.ConnectAsync(uri, cancellationToken);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = Socket;
        _buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.GetMemory(8 * 1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayFrame.Closed((int?)socket.CloseStatus, socket.CloseStatusDescription);
            }
            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > MaxMessageBytes)
            {
                throw new WebSocketException(WebSocketError.Faulted, $"Gateway message over {MaxMessageBytes} bytes.");
            }
            if (result.EndOfMessage)
            {
                return GatewayFrame.Text(_buffer.WrittenMemory);
            }
        }
    }

    public async Task DisconnectAsync(int closeCode, CancellationToken cancellationToken)
    {
        if (_socket is not { } socket)
        {
            return;
        }
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // Output only: waiting for the server's echo buys nothing when we are about to reconnect.
                await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, null, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection is already gone, which is all a disconnect wants.
        }
        finally
        {
            socket.Dispose();
            _socket = null;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
