using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Discord.Fakes;

/// <summary>
/// A Discord gateway on loopback Kestrel speaking real WebSocket frames: <c>GET /api/v10/gateway/bot</c>,
/// Hello, Identify → Ready, a session event log numbered by sequence, and Resume that replays every
/// event after the client's sequence before RESUMED, as Discord does. It can drop connections at
/// random points (an aborted TCP connection, not a close frame) and fragments every message. It
/// records the close frames the client sends and echoes them, as a server does (RFC 6455 §5.5.1).
/// </summary>
internal sealed class FakeGatewayServer : IAsyncDisposable
{
    public const string Token = "loopback-SECRET-token";

    private readonly Lock _gate = new();
    private readonly List<byte[]> _log = []; // _log[i] is the dispatch with sequence i + 1
    private readonly Random _random;
    private readonly WebApplication _app;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpContext? _live;
    private string? _sessionId;
    private int _sessions;
    private bool _paused;
    private int _drops;

    private FakeGatewayServer(WebApplication app, int seed)
    {
        _app = app;
        _random = new Random(seed);
    }

    public string BaseUrl { get; private set; } = "";

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public string ResumeUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume";

    public int HeartbeatIntervalMs { get; set; } = 45_000;

    /// <summary>On the identify connection, send Reconnect (op 7) after this many events, so every later connection is a resume.</summary>
    public int EventsBeforeReconnect { get; set; } = int.MaxValue;

    /// <summary>Chance of aborting a resumed connection at each drop point, while drops are left.</summary>
    public double DropChance { get; set; }

    public int DropsLeft { get; set; }

    /// <summary>When set, answer Identify with a close frame carrying this code, as Discord does for a bad token.</summary>
    public int? CloseOnIdentify { get; set; }

    /// <summary>When false, heartbeats go unanswered, so the client should see a zombied connection.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    public int Drops => Volatile.Read(ref _drops);

    /// <summary>The status of each close frame the client sent, in order; a dropped or aborted connection adds nothing.</summary>
    public ConcurrentQueue<int?> ClientCloses { get; } = new();

    /// <summary>The User-Agent of each <c>GET /gateway/bot</c>.</summary>
    public ConcurrentQueue<string> RestUserAgents { get; } = new();

    /// <summary>The User-Agent of each WebSocket handshake.</summary>
    public ConcurrentQueue<string> GatewayUserAgents { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public ConcurrentQueue<JsonElement> Identifies { get; } = new();

    public ConcurrentQueue<JsonElement> Resumes { get; } = new();

    public static async Task<FakeGatewayServer> StartAsync(int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.UseWebSockets();
        var server = new FakeGatewayServer(app, seed);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Adds one dispatch to the session's log; the live connection sends it unless paused.</summary>
    public int Publish(string name, JsonNode data)
    {
        lock (_gate)
        {
            var sequence = _log.Count + 1;
            _log.Add(Frame(0, data, sequence, name));
            Signal();
            return sequence;
        }
    }

    /// <summary>Hold new events in the log (they will only reach the client by replay or after <see cref="Unpause"/>).</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    public void Unpause()
    {
        lock (_gate)
        {
            _paused = false;
            Signal();
        }
    }

    public void DropCurrentConnection()
    {
        lock (_gate)
        {
            _live?.Abort();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue(path + context.Request.QueryString);
        if (path == "/api/v10/gateway/bot")
        {
            Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            RestUserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$$"""
                {"url":"{{{GatewayUrl}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}
                """);
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            return;
        }
        GatewayUserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        lock (_gate)
        {
            _live = context;
        }
        try
        {
            await RunConnectionAsync(context, socket, new SemaphoreSlim(1, 1), path.StartsWith("/resume", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException
            or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The drop this server made, or the client going away: both are part of the script.
        }
    }

    private async Task RunConnectionAsync(HttpContext context, WebSocket socket, SemaphoreSlim sendLock, bool resumeUrl)
    {
        await SendAsync(socket, sendLock, Frame(10, new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs }));
        if (resumeUrl && MaybeDrop(context))
        {
            return;
        }
        JsonElement first;
        do
        {
            first = await ReceiveAsync(socket) ?? default;
            if (first.ValueKind == JsonValueKind.Undefined)
            {
                return;
            }
        }
        while (first.GetProperty("op").GetInt32() == 1);

        var data = first.GetProperty("d");
        var identifying = first.GetProperty("op").GetInt32() == 2;
        int cursor;
        var replayEnd = -1;
        if (identifying && CloseOnIdentify is int closeCode)
        {
            Identifies.Enqueue(data.Clone());
            await socket.CloseAsync((WebSocketCloseStatus)closeCode, "closed by the fake gateway", CancellationToken.None);
            return;
        }
        if (identifying)
        {
            Identifies.Enqueue(data.Clone());
            lock (_gate)
            {
                _sessionId = $"session-{++_sessions}";
                _log.Clear();
                _log.Add(Frame(0, Ready(_sessionId), 1, "READY"));
            }
            cursor = 0;
        }
        else
        {
            Resumes.Enqueue(data.Clone());
            lock (_gate)
            {
                if (data.GetProperty("session_id").GetString() != _sessionId || data.GetProperty("token").GetString() != Token)
                {
                    cursor = -1;
                }
                else
                {
                    cursor = data.GetProperty("seq").ValueKind == JsonValueKind.Number ? data.GetProperty("seq").GetInt32() : 0;
                    replayEnd = _log.Count;
                }
            }
            if (cursor < 0)
            {
                await SendAsync(socket, sendLock, Frame(9, JsonValue.Create(false)));
                return;
            }
            if (MaybeDrop(context))
            {
                return;
            }
        }

        var reader = AcknowledgeHeartbeatsAsync(socket, sendLock);
        var sentHere = 0;
        while (true)
        {
            if (cursor == replayEnd)
            {
                // Discord replays the missed events, then says RESUMED.
                await SendAsync(socket, sendLock, Frame(0, new JsonObject(), null, "RESUMED"));
                replayEnd = -1;
            }
            byte[]? next = null;
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
                if ((!_paused || cursor < replayEnd) && cursor < _log.Count)
                {
                    next = _log[cursor];
                }
            }
            if (next is null)
            {
                if (await Task.WhenAny(changed, reader) == reader)
                {
                    return;
                }
                continue;
            }
            // On a resumed connection a drop may also cut a message between its two fragments.
            if (!await SendAsync(socket, sendLock, next, identifying ? null : () => MaybeDrop(context)))
            {
                return;
            }
            cursor++;
            sentHere++;
            if (identifying && sentHere > EventsBeforeReconnect)
            {
                await SendAsync(socket, sendLock, Frame(7, null));
                await reader.WaitAsync(TimeSpan.FromSeconds(10));
                return;
            }
            if (!identifying && MaybeDrop(context))
            {
                return;
            }
        }
    }

    private async Task AcknowledgeHeartbeatsAsync(WebSocket socket, SemaphoreSlim sendLock)
    {
        while (await ReceiveAsync(socket) is { } message)
        {
            if (message.GetProperty("op").GetInt32() == 1 && AcknowledgeHeartbeats)
            {
                await SendAsync(socket, sendLock, Frame(11, null));
            }
        }
    }

    private bool MaybeDrop(HttpContext context)
    {
        lock (_gate)
        {
            if (DropsLeft <= 0 || _random.NextDouble() >= DropChance)
            {
                return false;
            }
            DropsLeft--;
            _drops++;
        }
        context.Abort();
        return true;
    }

    private JsonObject Ready(string sessionId) => new()
    {
        ["v"] = 10,
        ["user"] = new JsonObject { ["id"] = "42", ["username"] = "digest-bot", ["bot"] = true },
        ["guilds"] = new JsonArray(),
        ["session_id"] = sessionId,
        ["resume_gateway_url"] = ResumeUrl,
        ["shard"] = new JsonArray(0, 1),
        ["application"] = new JsonObject { ["id"] = "4242", ["flags"] = 0 },
    };

    private static byte[] Frame(int op, JsonNode? data, int? sequence = null, string? name = null) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["op"] = op, ["d"] = data, ["s"] = sequence, ["t"] = name }.ToJsonString());

    /// <summary>
    /// Every message goes out in two fragments, so the client must join them; false when
    /// <paramref name="dropBetween"/> dropped the connection after the first.
    /// </summary>
    private static async Task<bool> SendAsync(WebSocket socket, SemaphoreSlim sendLock, byte[] message, Func<bool>? dropBetween = null)
    {
        await sendLock.WaitAsync();
        try
        {
            var half = message.Length / 2;
            await socket.SendAsync(message.AsMemory(0, half), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
            if (dropBetween?.Invoke() == true)
            {
                return false;
            }
            await socket.SendAsync(message.AsMemory(half), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            return true;
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task<JsonElement?> ReceiveAsync(WebSocket socket)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(chunk, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloses.Enqueue((int?)result.CloseStatus);
                await EchoCloseAsync(socket, result.CloseStatus);
                return null;
            }
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                return document.RootElement.Clone();
            }
        }
    }

    private static async Task EchoCloseAsync(WebSocket socket, WebSocketCloseStatus? status)
    {
        try
        {
            await socket.CloseOutputAsync(status ?? WebSocketCloseStatus.Empty, null, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException
            or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The client did not wait for the echo; its close code is recorded all the same.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
