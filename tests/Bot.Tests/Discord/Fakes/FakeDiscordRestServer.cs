using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bot.Tests.Discord.Fakes;

/// <summary>
/// Discord's REST API on a loopback HTTP port (<see cref="HttpListener"/>: an ASP.NET framework
/// reference in this project would drop the Microsoft.Extensions assemblies the CLI tests' child
/// <c>bot.dll</c> loads from this folder), speaking the real wire format: each route (method and
/// path under <c>/api/v10</c>) is scripted with responses used in order, the last one repeating; an
/// unscripted route answers 200 <c>{}</c>. Every request is recorded with the fake clock's time. A
/// create with <c>enforce_nonce</c> whose nonce the same route accepted within <see cref="NonceWindow"/>
/// gets the earlier answer again, not the next scripted one, as Discord returns the existing message.
/// </summary>
internal sealed class FakeDiscordRestServer : IAsyncDisposable
{
    public const string ApiPrefix = "/api/v10";

    private readonly HttpListener _listener;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> _scripts = new();
    private readonly ConcurrentDictionary<string, (ScriptedResponse Response, DateTimeOffset At)> _nonces = new();
    private readonly Task _loop;
    private int _nonceReplays;

    private FakeDiscordRestServer(HttpListener listener, TimeProvider clock, string root)
    {
        _listener = listener;
        _clock = clock;
        Root = root;
        ApiBaseUrl = root + ApiPrefix;
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Discord keeps nonces for "a few minutes"; the fake keeps them for two.</summary>
    public static readonly TimeSpan NonceWindow = TimeSpan.FromMinutes(2);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Creates answered with the message an earlier create with the same enforced nonce made.</summary>
    public int NonceReplays => Volatile.Read(ref _nonceReplays);

    /// <summary>The API base, <c>http://127.0.0.1:port/api/v10</c>.</summary>
    public string ApiBaseUrl { get; }

    /// <summary>The server's root; paths not under the API prefix play the CDN.</summary>
    public string Root { get; }

    public static Task<FakeDiscordRestServer> StartAsync(TimeProvider clock)
    {
        // HttpListener cannot bind port 0: borrow a free port from the OS, then listen on it.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var root = $"http://127.0.0.1:{port}";
        var listener = new HttpListener();
        listener.Prefixes.Add(root + "/");
        listener.Start();
        return Task.FromResult(new FakeDiscordRestServer(listener, clock, root));
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    /// <summary>Scripts a route; <paramref name="path"/> is relative to the API base (<c>/channels/1/messages</c>) or, for the CDN, starts with <c>~</c>.</summary>
    public void Script(string method, string path, params ScriptedResponse[] responses) =>
        _scripts[Key(method, path)] = new ConcurrentQueue<ScriptedResponse>(responses);

    public RecordedRequest[] RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == Resolve(path))];

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Url!.AbsolutePath;
        var headers = context.Request.Headers.AllKeys.OfType<string>()
            .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, path, headers, body, _clock.GetUtcNow(), context.Request.Url.Query));

        var response = Respond(context.Request.HttpMethod, path, body);
        var output = context.Response;
        output.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            output.Headers[name] = value;
        }
        if (response.Body is { Length: > 0 } content)
        {
            output.ContentType = response.ContentType;
            var bytes = Encoding.UTF8.GetBytes(content);
            if (response.SendContentLength)
            {
                output.ContentLength64 = bytes.Length;
            }
            else
            {
                output.SendChunked = true;
            }
            await output.OutputStream.WriteAsync(bytes);
        }
        output.Close();
    }

    private ScriptedResponse Respond(string method, string path, string body)
    {
        var nonce = method == "POST" ? EnforcedNonce(body) : null;
        var now = _clock.GetUtcNow();
        if (nonce is not null && _nonces.TryGetValue(path + " " + nonce, out var earlier) && now - earlier.At < NonceWindow)
        {
            Interlocked.Increment(ref _nonceReplays);
            return earlier.Response;
        }
        var response = NextResponse(method + " " + path) ?? ScriptedResponse.Json(200, "{}");
        if (nonce is not null && response.Status < 300)
        {
            _nonces[path + " " + nonce] = (response, now);
        }
        return response;
    }

    private static string? EnforcedNonce(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("enforce_nonce", out var enforce) && enforce.ValueKind == System.Text.Json.JsonValueKind.True
                && root.TryGetProperty("nonce", out var nonce) ? nonce.ToString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private ScriptedResponse? NextResponse(string key)
    {
        if (!_scripts.TryGetValue(key, out var queue))
        {
            return null;
        }
        if (queue.Count > 1 && queue.TryDequeue(out var next))
        {
            return next;
        }
        return queue.TryPeek(out var last) ? last : null;
    }

    private static string Resolve(string path) => path.StartsWith('~') ? path[1..] : ApiPrefix + path;

    private static string Key(string method, string path) => method + " " + Resolve(path);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>What the fake saw: headers keyed case-insensitively, the fake clock's time of arrival, and the query string (with its <c>?</c>).</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt, string Query = "")
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One scripted answer, with builders for the shapes Discord sends.</summary>
internal sealed record ScriptedResponse(int Status, string? Body, IReadOnlyDictionary<string, string> Headers, string ContentType = "application/json", bool SendContentLength = true)
{
    public static ScriptedResponse Json(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, body, headers ?? new Dictionary<string, string>());

    /// <summary>A success carrying a bucket's headers (Rate Limits: Header Format).</summary>
    public static ScriptedResponse WithBucket(string body, string bucket, int limit, int remaining, string resetAfter) =>
        Json(200, body, new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = resetAfter,
        });

    /// <summary>A 429 as Discord sends it: fractional <c>retry_after</c> in the body, whole seconds in Retry-After.</summary>
    public static ScriptedResponse RateLimited(string retryAfter, bool global, string scope = "user")
    {
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(double.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = scope,
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        return Json(429, $$"""{"message": "You are being rate limited.", "retry_after": {{retryAfter}}, "global": {{(global ? "true" : "false")}}}""", headers);
    }

    /// <summary>Discord's JSON error body (Reference: Error Messages).</summary>
    public static ScriptedResponse Error(int status, int code, string message, string? errors = null) =>
        Json(status, errors is null
            ? $$"""{"code": {{code}}, "message": "{{message}}"}"""
            : $$"""{"code": {{code}}, "message": "{{message}}", "errors": {{errors}}}""");
}
