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
    private const int ChunkBytes = 8 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private ClientWebSocket? _socket;

    // A receive whose caller stopped waiting (see ReceiveAsync): it still holds the socket's one
    // receive slot, so the close handshake in DisconnectAsync reads the server's close through it.
    private Task<ValueWebSocketReceiveResult>? _pendingReceive;

    private ClientWebSocket Socket => _socket ?? throw new InvalidOperationException("Not connected.");

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        Forget();
        _socket = new ClientWebSocket();
        _socket.Options.SetRequestHeader("User-Agent", DiscordUserAgent.Value);
        await _socket.ConnectAsync(uri, cancellationToken);
    }

    // As with receives, a token that fires mid-send would abort the socket before the close frame. An
    // abandoned send finishes on its own; ClientWebSocket queues the close frame behind it.
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).AsTask().WaitAsync(cancellationToken);

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = Socket;
        if (_pendingReceive is not null)
        {
            throw new InvalidOperationException("A receive the caller stopped waiting for is still outstanding; only DisconnectAsync may follow it.");
        }
        _buffer.ResetWrittenCount();
        while (true)
        {
            // ClientWebSocket aborts the whole connection when a receive's token fires, and an aborted
            // socket cannot send a close frame: the server would see 1006 and keep the session (and the
            // bot's online status) until it times out. So the socket never sees the token; the caller
            // just stops waiting, and DisconnectAsync closes properly.
            _pendingReceive = socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), CancellationToken.None).AsTask();
            var result = await _pendingReceive.WaitAsync(cancellationToken);
            _pendingReceive = null;
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
        var pending = _pendingReceive;
        _pendingReceive = null;
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, null, cancellationToken);
            }
            // RFC 6455 §7.1.1: having sent its close, the client waits for the server's before it drops
            // the TCP connection; dropping it at once can reset the connection before the server has
            // read our code. Whatever the server still sends before its close is discarded.
            while (socket.State == WebSocketState.CloseSent)
            {
                pending ??= socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), CancellationToken.None).AsTask();
                await pending.WaitAsync(cancellationToken);
                pending = null;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection is already gone, or the server never echoed: either way it is closed now.
        }
        finally
        {
            Forget(pending);
        }
    }

    public void Dispose() => Forget();

    /// <summary>Drops the socket without a close handshake.</summary>
    private void Forget(Task? pending = null)
    {
        pending ??= _pendingReceive;
        _pendingReceive = null;
        _socket?.Dispose();
        _socket = null;
        // Disposing fails an outstanding receive; observe that, nobody else will.
        pending?.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
