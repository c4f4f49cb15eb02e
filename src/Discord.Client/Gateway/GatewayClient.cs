using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord.Gateway;

/// <summary>
/// The Discord Gateway v10 client (JSON encoding): one state machine that connects, identifies or
/// resumes, heartbeats, routes dispatches by name and reconnects by the close-code rules, reaching
/// the network only through <see cref="IGatewayTransport"/>. Section references are to Discord's
/// Gateway documentation. <see cref="RunAsync"/> may be called once per instance.
/// </summary>
public sealed class GatewayClient(
    IGatewayTransport transport,
    IGatewayUrlSource urlSource,
    GatewayEventRouter router,
    GatewayIdentifyLimiter identifyLimiter,
    ReconnectBackoff backoff,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    Random random,
    ILogger<GatewayClient> logger)
{
    private static readonly IdentifyProperties Properties = new(OperatingSystemName(), "research-digest-bot", "research-digest-bot");

    private static readonly GatewayCloseRule ResumeAfterReconnect = new(GatewayCloseAction.Resume, "reconnect requested (op 7)");
    private static readonly GatewayCloseRule ResumeAfterZombie = new(GatewayCloseAction.Resume, "no heartbeat ACK");
    private static readonly GatewayCloseRule RetryAfterNoHello = new(GatewayCloseAction.Resume, "no Hello in time");

    /// <summary>How long connecting plus waiting for Hello may take before the attempt counts as failed.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);
    private static readonly GatewayCloseRule ResumeAfterInvalidSession = new(GatewayCloseAction.Resume, "invalid session, resumable");
    private static readonly GatewayCloseRule IdentifyAfterInvalidSession = new(GatewayCloseAction.Identify, "invalid session, not resumable");

    private readonly GatewaySession _session = new();

    // Dispatches go through a queue to one reader: handlers see events in sequence order, while the
    // receive loop keeps reading (and so keeps seeing heartbeat ACKs) however slow a handler is.
    private readonly Channel<GatewayEvent> _events = Channel.CreateUnbounded<GatewayEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    internal GatewaySession Session => _session;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (then throws <see cref="OperationCanceledException"/>)
    /// or the gateway closes with a code that retrying cannot fix, whose rule it returns.
    /// </summary>
    public async Task<GatewayCloseRule> RunAsync(CancellationToken cancellationToken)
    {
        var dispatcher = DispatchLoopAsync(cancellationToken);
        try
        {
            while (true)
            {
                var outcome = await RunConnectionAsync(cancellationToken);
                if (outcome.Rule.Action == GatewayCloseAction.Stop)
                {
                    logger.Stopped(outcome.CloseCode, outcome.Rule.Reason);
                    return outcome.Rule;
                }
                if (outcome.Rule.Action == GatewayCloseAction.Identify)
                {
                    _session.Clear();
                }
                // Invalid Session asks for a random 1-5 s wait ("Invalid Session" event); everything
                // else backs off exponentially until a Ready or Resumed resets it.
                var delay = outcome.Rule == IdentifyAfterInvalidSession
                    ? TimeSpan.FromSeconds(1 + (random.NextDouble() * 4))
                    : backoff.Next();
                logger.Reconnecting(delay, _session.CanResume ? GatewayCloseAction.Resume : GatewayCloseAction.Identify);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
        finally
        {
            _events.Writer.TryComplete();
            await dispatcher;
        }
    }

    private sealed record ConnectionOutcome(GatewayCloseRule Rule, int? CloseCode = null);

    private async Task<ConnectionOutcome> RunConnectionAsync(CancellationToken stop)
    {
        var resuming = _session.CanResume;
        string baseUrl;
        if (resuming)
        {
            baseUrl = _session.ResumeUrl!;
        }
        else
        {
            GatewayInfo info;
            try
            {
                info = await urlSource.GetGatewayAsync(stop);
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                return new(GatewayCloseCodes.Classify(GatewayCloseCodes.AuthenticationFailed), GatewayCloseCodes.AuthenticationFailed);
            }
            catch (Exception e) when (IsTransient(e, stop))
            {
                logger.GatewayLookupFailed(Reason(e));
                return new(GatewayCloseCodes.Classify(null));
            }
            baseUrl = info.Url;
            // Wait before connecting, not after Hello: a long wait on an open socket would miss heartbeats.
            var wait = identifyLimiter.Reserve(options.Value.ShardId, info.SessionStartLimit);
            if (wait > TimeSpan.Zero)
            {
                logger.IdentifyWaiting(wait, info.SessionStartLimit.Remaining);
                await Task.Delay(wait, time, stop);
            }
        }

        var uri = new Uri(baseUrl.TrimEnd('/') + "/?v=10&encoding=json");
        logger.Connecting(uri, resuming);
        using var connection = new Connection(time, stop);
        try
        {
            // ClientWebSocket has no connect timeout of its own; a black-holed network would hang here for good.
            connection.StartHandshakeTimeout(HandshakeTimeout);
            await transport.ConnectAsync(uri, connection.Token);
            while (true)
            {
                var frame = await transport.ReceiveAsync(connection.Token);
                if (frame.IsClose)
                {
                    var rule = GatewayCloseCodes.Classify(frame.CloseStatus);
                    logger.Closed(frame.CloseStatus, frame.CloseReason, rule.Reason, rule.Action);
                    await DisconnectQuietlyAsync(GatewayCloseCodes.ClientResume);
                    return new(rule, frame.CloseStatus);
                }
                var payload = JsonSerializer.Deserialize(frame.Message.Span, GatewayJsonContext.Default.GatewayPayload)
                    ?? throw new JsonException("The gateway sent a null payload.");
                if (await HandleAsync(connection, payload, resuming) is { } outcome)
                {
                    await DisconnectQuietlyAsync(GatewayCloseCodes.ClientResume);
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: 1000 ends the session, so Discord shows the bot offline at once.
            await DisconnectQuietlyAsync(GatewayCloseCodes.NormalClosure);
            throw;
        }
        catch (OperationCanceledException) when (connection.IsZombie)
        {
            logger.Zombie();
            await DisconnectQuietlyAsync(GatewayCloseCodes.ClientResume);
            return new(ResumeAfterZombie);
        }
        catch (OperationCanceledException) when (connection.HandshakeTimedOut)
        {
            logger.NoHello(HandshakeTimeout);
            await DisconnectQuietlyAsync(GatewayCloseCodes.ClientResume);
            return new(RetryAfterNoHello);
        }
        catch (Exception e) when (IsTransient(e, stop))
        {
            logger.Dropped(Reason(e));
            await DisconnectQuietlyAsync(GatewayCloseCodes.ClientResume);
            return new(GatewayCloseCodes.Classify(null));
        }
        finally
        {
            await connection.StopHeartbeatAsync();
        }
    }

    /// <summary>One payload; a non-null outcome ends the connection.</summary>
    private async Task<ConnectionOutcome?> HandleAsync(Connection connection, GatewayPayload payload, bool resuming)
    {
        switch (payload.Op)
        {
            case GatewayOpcodes.Dispatch:
                OnDispatch(payload);
                return null;
            case GatewayOpcodes.Hello:
                var hello = payload.D?.Deserialize(GatewayJsonContext.Default.HelloData)
                    ?? throw new JsonException("Hello without data.");
                // "Sending Heartbeats": the first one after interval × jitter, so a fleet reconnecting together spreads out.
                var interval = TimeSpan.FromMilliseconds(hello.HeartbeatInterval);
                connection.HelloReceived();
                connection.StartHeartbeat(() => HeartbeatLoopAsync(connection, interval, random.NextDouble()));
                await (resuming ? SendResumeAsync(connection) : SendIdentifyAsync(connection));
                return null;
            case GatewayOpcodes.Heartbeat:
                // The server may ask for a heartbeat at any time; answer at once, outside the schedule.
                await SendHeartbeatAsync(connection);
                return null;
            case GatewayOpcodes.HeartbeatAck:
                connection.Acknowledge();
                return null;
            case GatewayOpcodes.Reconnect:
                logger.ReconnectRequested();
                return new(ResumeAfterReconnect);
            case GatewayOpcodes.InvalidSession:
                var resumable = payload.D is { ValueKind: JsonValueKind.True };
                logger.InvalidSession(resumable);
                return new(resumable ? ResumeAfterInvalidSession : IdentifyAfterInvalidSession);
            default:
                logger.UnknownOpcode(payload.Op);
                return null;
        }
    }

    private void OnDispatch(GatewayPayload payload)
    {
        if (payload.S is int sequence && !_session.TryAdvance(sequence))
        {
            logger.DuplicateDispatch(payload.T, sequence);
            return;
        }
        var name = payload.T ?? "";
        var data = payload.D ?? default;
        // The two dispatches the gateway itself acts on; every other event goes only to the table.
        if (name == "READY")
        {
            var ready = data.Deserialize(GatewayJsonContext.Default.ReadyData);
            if (ready?.SessionId is null || ready.ResumeGatewayUrl is null)
            {
                // Without these nothing can resume; treat it like a garbled frame and start over.
                throw new JsonException("READY without session_id or resume_gateway_url.");
            }
            _session.Start(ready.SessionId, ready.ResumeGatewayUrl);
            backoff.Reset();
            logger.Ready(ready.User?.Username ?? "?", ready.User?.Id ?? "?", ready.Application?.Id ?? "?", ready.SessionId);
        }
        else if (name == "RESUMED")
        {
            backoff.Reset();
            logger.Resumed(_session.SessionId);
        }
        _events.Writer.TryWrite(new GatewayEvent(name, payload.S, data));
    }

    private async Task DispatchLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var gatewayEvent in _events.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var handler in router.HandlersFor(gatewayEvent.Name))
                {
                    try
                    {
                        await handler.HandleAsync(gatewayEvent, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        logger.HandlerFailed(handler.GetType().Name, gatewayEvent.Name, gatewayEvent.Sequence, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: undelivered events die with the process, as they would on a crash.
        }
    }

    private async Task HeartbeatLoopAsync(Connection connection, TimeSpan interval, double jitter)
    {
        try
        {
            await Task.Delay(interval * jitter, time, connection.Token);
            while (true)
            {
                // "Heartbeat Interval Example": no ACK since the last heartbeat means a zombied connection.
                if (!connection.TryBeginScheduledHeartbeat())
                {
                    connection.MarkZombie();
                    return;
                }
                await SendAsync(connection, GatewayOpcodes.Heartbeat, SequenceElement(), heartbeat: true);
                await Task.Delay(interval, time, connection.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended; the receive loop decides what happens next.
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException)
        {
            logger.HeartbeatSendFailed(e);
        }
    }

    /// <summary>A transient failure in one line: its kind and message (a timeout or a refused connection needs no stack trace).</summary>
    private static string Reason(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    private Task SendHeartbeatAsync(Connection connection)
    {
        connection.MarkHeartbeatSent();
        return SendAsync(connection, GatewayOpcodes.Heartbeat, SequenceElement(), heartbeat: true);
    }

    private JsonElement? SequenceElement() =>
        _session.Sequence is int sequence ? JsonSerializer.SerializeToElement(sequence, GatewayJsonContext.Default.Int32) : null;

    private Task SendIdentifyAsync(Connection connection)
    {
        var settings = options.Value;
        var identify = new IdentifyData(settings.Token, Properties, GatewayIntentsExtensions.FromOptions(settings), [settings.ShardId, settings.ShardCount]);
        logger.Identifying(settings.ShardId, settings.ShardCount, (int)identify.Intents);
        return SendAsync(connection, GatewayOpcodes.Identify,
            JsonSerializer.SerializeToElement(identify, GatewayJsonContext.Default.IdentifyData), heartbeat: false);
    }

    private Task SendResumeAsync(Connection connection)
    {
        var resume = new ResumeData(options.Value.Token, _session.SessionId!, _session.Sequence);
        logger.Resuming(resume.SessionId, resume.Seq);
        return SendAsync(connection, GatewayOpcodes.Resume,
            JsonSerializer.SerializeToElement(resume, GatewayJsonContext.Default.ResumeData), heartbeat: false);
    }

    private async Task SendAsync(Connection connection, int opcode, JsonElement? data, bool heartbeat)
    {
        var message = JsonSerializer.SerializeToUtf8Bytes(new GatewayPayload(opcode, data, null, null), GatewayJsonContext.Default.GatewayPayload);
        await connection.Limiter.WaitAsync(heartbeat, connection.Token);
        // The heartbeat loop and the receive loop both send; a WebSocket takes one send at a time.
        await connection.SendLock.WaitAsync(connection.Token);
        try
        {
            await transport.SendAsync(message, connection.Token);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    /// <summary>
    /// Closes with <paramref name="closeCode"/>: 1000 ends the session, any other code keeps it resumable
    /// (Gateway docs, "Disconnecting"). The time limit also bounds the wait for the server's close, which
    /// a zombied server never sends.
    /// </summary>
    private async Task DisconnectQuietlyAsync(int closeCode)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        try
        {
            await transport.DisconnectAsync(closeCode, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // Already gone: nothing left to close.
        }
    }

    private static bool IsTransient(Exception e, CancellationToken stop) =>
        e is WebSocketException or IOException or JsonException or HttpRequestException or InvalidDataException
        || (e is OperationCanceledException && !stop.IsCancellationRequested);

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";

    /// <summary>Per-connection state: its cancellation, send budget, send lock and heartbeat bookkeeping.</summary>
    private sealed class Connection(TimeProvider time, CancellationToken stop) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        private Task? _heartbeat;
        private ITimer? _handshakeTimer;
        private int _awaitingAck;
        private volatile bool _zombie;
        private volatile bool _handshakeTimedOut;

        public CancellationToken Token => _cancellation.Token;

        public GatewaySendLimiter Limiter { get; } = new(time);

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public bool IsZombie => _zombie;

        public bool HandshakeTimedOut => _handshakeTimedOut;

        public void StartHandshakeTimeout(TimeSpan timeout) => _handshakeTimer = time.CreateTimer(_ =>
        {
            _handshakeTimedOut = true;
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The connection ended while the timer fired; nothing is left to cancel.
            }
        }, null, timeout, Timeout.InfiniteTimeSpan);

        public void HelloReceived()
        {
            _handshakeTimer?.Dispose();
            _handshakeTimer = null;
        }

        /// <summary>Starts the heartbeat loop once; a repeated Hello does not start a second one.</summary>
        public void StartHeartbeat(Func<Task> loop) => _heartbeat ??= loop();

        /// <summary>False when the previous heartbeat is still unacknowledged.</summary>
        public bool TryBeginScheduledHeartbeat() => Interlocked.CompareExchange(ref _awaitingAck, 1, 0) == 0;

        public void MarkHeartbeatSent() => Volatile.Write(ref _awaitingAck, 1);

        public void Acknowledge() => Volatile.Write(ref _awaitingAck, 0);

        public void MarkZombie()
        {
            _zombie = true;
            _cancellation.Cancel();
        }

        public async Task StopHeartbeatAsync()
        {
            await _cancellation.CancelAsync();
            if (_heartbeat is not null)
            {
                await _heartbeat;
            }
        }

        public void Dispose()
        {
            _handshakeTimer?.Dispose();
            _cancellation.Dispose();
            SendLock.Dispose();
        }
    }
}
