using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Bot.Discord.Gateway;

namespace Bot.Tests.Discord.Fakes;

/// <summary>What the client sent: opcode, data, and the raw JSON.</summary>
internal sealed record SentPayload(int Op, JsonElement D, string Raw);

/// <summary>
/// A scripted gateway: the test pushes server frames (Hello, dispatches, closes, drops) onto the
/// current connection and reads back what the client sent.
/// </summary>
internal sealed class FakeGatewayTransport : IGatewayTransport
{
    private readonly Lock _gate = new();
    private readonly Channel<SentPayload> _sent = Channel.CreateUnbounded<SentPayload>();
    private Channel<Func<GatewayFrame>> _inbound = Channel.CreateUnbounded<Func<GatewayFrame>>();

    // Frames pushed onto the current connection, and receives the client has begun on it: one more
    // receive than frames means the client handled every frame and waits for the next.
    private int _pushed;
    private int _receives;

    public ConcurrentQueue<Uri> Connections { get; } = new();

    public ConcurrentQueue<int> Disconnects { get; } = new();

    public ConcurrentQueue<SentPayload> AllSent { get; } = new();

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _inbound = Channel.CreateUnbounded<Func<GatewayFrame>>();
            _pushed = 0;
            _receives = 0;
        }
        Connections.Enqueue(uri);
        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var raw = Encoding.UTF8.GetString(message.Span);
        using var document = JsonDocument.Parse(raw);
        var sent = new SentPayload(document.RootElement.GetProperty("op").GetInt32(), document.RootElement.GetProperty("d").Clone(), raw);
        AllSent.Enqueue(sent);
        _sent.Writer.TryWrite(sent);
        return Task.CompletedTask;
    }

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        Channel<Func<GatewayFrame>> inbound;
        lock (_gate)
        {
            inbound = _inbound;
            _receives++;
        }
        if (!await inbound.Reader.WaitToReadAsync(cancellationToken))
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "fake connection closed");
        }
        var next = await inbound.Reader.ReadAsync(cancellationToken);
        return next();
    }

    public Task DisconnectAsync(int closeCode, CancellationToken cancellationToken)
    {
        Disconnects.Enqueue(closeCode);
        lock (_gate)
        {
            _inbound.Writer.TryComplete();
        }
        return Task.CompletedTask;
    }

    // ---- server script ----

    public void Send(int op, JsonNode? d = null, int? s = null, string? t = null)
    {
        var json = new JsonObject { ["op"] = op, ["d"] = d, ["s"] = s, ["t"] = t }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        Push(() => GatewayFrame.Text(bytes));
    }

    public void Hello(int intervalMs) => Send(GatewayOpcodes.Hello, new JsonObject { ["heartbeat_interval"] = intervalMs });

    public void Ack() => Send(GatewayOpcodes.HeartbeatAck);

    public void Dispatch(string name, int sequence, JsonNode? data = null) =>
        Send(GatewayOpcodes.Dispatch, data ?? new JsonObject(), sequence, name);

    public void Ready(int sequence, string sessionId, string resumeUrl) => Dispatch("READY", sequence, new JsonObject
    {
        ["v"] = 10,
        ["user"] = new JsonObject { ["id"] = "42", ["username"] = "digest-bot" },
        ["guilds"] = new JsonArray(),
        ["session_id"] = sessionId,
        ["resume_gateway_url"] = resumeUrl,
        ["application"] = new JsonObject { ["id"] = "4242", ["flags"] = 0 },
    });

    public void Close(int code, string reason = "") => Push(() => GatewayFrame.Closed(code, reason));

    /// <summary>The network drops: the next receive throws, as ClientWebSocket does.</summary>
    public void Drop() => Push(() => throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "fake drop"));

    private void Push(Func<GatewayFrame> frame)
    {
        lock (_gate)
        {
            _inbound.Writer.TryWrite(frame);
            _pushed++;
        }
    }

    /// <summary>
    /// Waits (real time, bounded) until the client has handled every frame pushed so far and waits for
    /// the next: what a test needs before it moves the fake clock on, rather than a fixed sleep.
    /// </summary>
    public async Task WaitUntilHandledAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            lock (_gate)
            {
                if (_receives > _pushed)
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the client handled {_receives - 1} of {_pushed} frames");
            }
            await Task.Delay(2);
        }
    }

    // ---- assertions ----

    /// <summary>The next payload the client sends with this opcode, skipping others (heartbeats, mostly).</summary>
    public async Task<SentPayload> ExpectAsync(int op, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var sent = await _sent.Reader.ReadAsync(cancellation.Token);
                if (sent.Op == op)
                {
                    return sent;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent no op {op}; sent: {string.Join(", ", AllSent.Select(p => p.Op))}");
        }
    }

    /// <summary>True when the client sent nothing (of this opcode, if given) within the time.</summary>
    public async Task<bool> SendsNothingAsync(TimeSpan within, int? op = null)
    {
        using var cancellation = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var sent = await _sent.Reader.ReadAsync(cancellation.Token);
                if (op is null || sent.Op == op)
                {
                    return false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async Task WaitForConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Connections.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} connections, have {Connections.Count}.");
            }
            await Task.Delay(5);
        }
    }
}
