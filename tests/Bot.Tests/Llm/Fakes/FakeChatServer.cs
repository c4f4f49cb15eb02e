using System.Collections.Concurrent;
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

namespace Bot.Tests.Llm.Fakes;

/// <summary>
/// An OpenAI-compatible chat server on loopback Kestrel: <c>POST /v1/chat/completions</c> answers with
/// a chat.completion JSON body, or, when the request asks to stream, server-sent events
/// (<c>data: {chunk}</c> … <c>data: [DONE]</c>) with a usage chunk when <c>stream_options.include_usage</c>
/// is set. Replies are scripted in order (the last one repeats); errors carry OpenAI's error body and
/// headers; a hanging reply waits until the client gives up; an endless one streams until the client
/// hangs up; a raw one sends whatever body it is given (broken JSON, an HTML page, a cut-off stream).
/// Every request is recorded.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ChatReply> _script = new();
    private ChatReply _last = ChatReply.Text("The library has no good match for that question.");

    private FakeChatServer(WebApplication app) => _app = app;

    /// <summary>The API base to configure as <c>Bot:Llm:Endpoint</c>: <c>http://127.0.0.1:port/v1</c>.</summary>
    public string Endpoint { get; private set; } = "";

    public ConcurrentQueue<ChatRequestRecord> Requests { get; } = new();

    /// <summary>Called when a request has been read, before its reply is chosen (a test can script the reply from what the request holds).</summary>
    public Action<ChatRequestRecord>? AfterRequest { get; set; }

    /// <summary>Called before each streamed chunk is sent (a test advances its clock here).</summary>
    public Action<int>? BeforeChunk { get; set; }

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return server;
    }

    /// <summary>Queues replies, used one per request in order; the last one keeps answering.</summary>
    public void Script(params ChatReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>The text of every message of every request, to search.</summary>
    public string AllPromptText() => string.Join("\n", Requests.SelectMany(r => r.Messages.Select(m => m.Content)));

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var json = JsonNode.Parse(body)!;
        var record = new ChatRequestRecord(
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            json["model"]?.GetValue<string>() ?? "",
            [.. json["messages"]!.AsArray().Select(m => new ChatMessageRecord(m!["role"]!.GetValue<string>(), ContentOf(m["content"]),
                m["tool_call_id"]?.GetValue<string>(),
                m["tool_calls"] is JsonArray calls ? [.. calls.Select(c => c!["function"]!["name"]!.GetValue<string>())] : []))],
            json["tools"] is JsonArray tools ? [.. tools.Select(t => t!["function"]!["name"]!.GetValue<string>())] : [],
            json["stream"]?.GetValue<bool>() == true,
            json["stream_options"]?["include_usage"]?.GetValue<bool>() == true,
            body);
        Requests.Enqueue(record);
        AfterRequest?.Invoke(record);
        var reply = _script.TryDequeue(out var next) ? _last = next : _last;
        await reply.WriteAsync(context, record, this);
    }

    // Content is a string, or (newer clients) a list of parts with "text".
    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    internal void OnChunk(int index) => BeforeChunk?.Invoke(index);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One message of a request: a tool result names the call it answers; an assistant turn lists the tools it called.</summary>
internal sealed record ChatMessageRecord(string Role, string Content, string? ToolCallId = null, IReadOnlyList<string>? ToolCalls = null);

/// <summary>A tool call the scripted model makes: the function's name as the request declared it, and its arguments as JSON.</summary>
internal sealed record ToolCallScript(string Name, string Arguments);

internal sealed record ChatRequestRecord(
    IReadOnlyDictionary<string, string> Headers, string Model, IReadOnlyList<ChatMessageRecord> Messages, IReadOnlyList<string> Tools, bool Stream, bool IncludeUsage, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Prompt => string.Join("\n", Messages.Select(m => m.Content));
}

/// <summary>A scripted reply: text (whole or in chunks), an HTTP error, a hang, an endless stream, or a raw body.</summary>
internal sealed record ChatReply(string? Content, IReadOnlyList<string>? Chunks, (int Prompt, int Completion)? Usage, int Status, string? ErrorBody,
    IReadOnlyDictionary<string, string>? Headers, bool Hang, int StallAfterChunks = -1, IReadOnlyList<ToolCallScript>? Calls = null,
    string? EndlessPiece = null, TimeSpan EndlessPause = default, string? RawBody = null, string? RawContentType = null)
{
    /// <summary>
    /// Streams <paramref name="piece"/> as a content delta again and again, <paramref name="pause"/> apart
    /// in real time, and never finishes: a model that does not stop. An empty piece is a keep-alive
    /// delta with no text, which restarts a client's silence timeout each time.
    /// </summary>
    public static ChatReply Endless(string piece, TimeSpan pause = default) => new(null, null, null, 200, null, null, false, EndlessPiece: piece, EndlessPause: pause);

    /// <summary>Status 200 with this body and content type as they are, streamed or not: a server that answers, but not in OpenAI's format.</summary>
    public static ChatReply Raw(string body, string contentType = "application/json") => new(null, null, null, 200, null, null, false, RawBody: body, RawContentType: contentType);

    /// <summary>The model asks for tools instead of answering (finish_reason "tool_calls"); streamed, each call's arguments come in two pieces.</summary>
    public static ChatReply ToolCalls(params ToolCallScript[] calls) => new(null, null, null, 200, null, null, false, Calls: calls);

    public static ChatReply ToolCalls((int Prompt, int Completion) usage, params ToolCallScript[] calls) => new(null, null, usage, 200, null, null, false, Calls: calls);

    /// <summary>Text; streamed, it is split into chunks of about four characters.</summary>
    public static ChatReply Text(string content, (int Prompt, int Completion)? usage = null) => new(content, null, usage, 200, null, null, false);

    public static ChatReply Chunked(IReadOnlyList<string> chunks, (int Prompt, int Completion)? usage = null) =>
        new(string.Concat(chunks), chunks, usage, 200, null, null, false);

    public static ChatReply Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        new(null, null, null, status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "error", ["code"] = null } }.ToJsonString(), headers, false);

    public static ChatReply RateLimited(int retryAfterSeconds) =>
        Error(429, "Rate limit reached.", new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Sends nothing until the client gives up (a slow or stuck server).</summary>
    public static ChatReply Hanging() => new(null, null, null, 200, null, null, true);

    /// <summary>Streams the first <paramref name="sent"/> chunks, then falls silent until the client gives up.</summary>
    public static ChatReply StallingAfter(IReadOnlyList<string> chunks, int sent) => new(string.Concat(chunks), chunks, null, 200, null, null, false, sent);

    internal async Task WriteAsync(HttpContext context, ChatRequestRecord request, FakeChatServer server)
    {
        var response = context.Response;
        if (Hang)
        {
            await HangAsync(context);
            return;
        }
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
        if (RawBody is not null)
        {
            response.ContentType = RawContentType;
            await response.WriteAsync(RawBody);
            return;
        }
        if (EndlessPiece is not null)
        {
            await StreamForeverAsync(context, request.Model);
            return;
        }
        if (Status != 200)
        {
            response.StatusCode = Status;
            response.ContentType = "application/json";
            await response.WriteAsync(ErrorBody ?? "{}");
            return;
        }
        if (!request.Stream)
        {
            response.ContentType = "application/json";
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-fake",
                ["object"] = "chat.completion",
                ["created"] = 1_715_000_000,
                ["model"] = request.Model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = Calls is null
                        ? new JsonObject { ["role"] = "assistant", ["content"] = Content }
                        : new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray([.. CallsJson(whole: true)]) },
                    ["finish_reason"] = Calls is null ? "stop" : "tool_calls",
                }),
            };
            if (Usage is { } usage)
            {
                completion["usage"] = UsageJson(usage);
            }
            await response.WriteAsync(completion.ToJsonString());
            return;
        }
        response.ContentType = "text/event-stream";
        if (Calls is not null)
        {
            // OpenAI streams a call's id and name first, then its arguments in pieces.
            foreach (var piece in CallsJson(whole: false))
            {
                await WriteEventAsync(response, Chunk(request.Model, new JsonObject { ["tool_calls"] = new JsonArray(piece) }, null));
            }
            await WriteEventAsync(response, Chunk(request.Model, new JsonObject(), "tool_calls"));
            await WriteUsageAndDoneAsync(response, request);
            return;
        }
        var chunks = Chunks ?? Split(Content ?? "");
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i == StallAfterChunks)
            {
                await HangAsync(context);
                return;
            }
            server.OnChunk(i);
            await WriteEventAsync(response, Chunk(request.Model, new JsonObject { ["content"] = chunks[i] }, null));
        }
        await WriteEventAsync(response, Chunk(request.Model, new JsonObject(), "stop"));
        await WriteUsageAndDoneAsync(response, request);
    }

    private async Task WriteUsageAndDoneAsync(HttpResponse response, ChatRequestRecord request)
    {
        if (request.IncludeUsage && Usage is { } streamedUsage)
        {
            var usageChunk = Chunk(request.Model, null, null);
            usageChunk["usage"] = UsageJson(streamedUsage);
            await WriteEventAsync(response, usageChunk);
        }
        await response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>The calls as a message's <c>tool_calls</c> (whole), or as stream deltas: per call, its id and name, then two halves of its arguments.</summary>
    private List<JsonObject> CallsJson(bool whole)
    {
        var pieces = new List<JsonObject>();
        foreach (var (call, index) in Calls!.Select((c, i) => (c, i)))
        {
            var id = $"call_{index}_{call.Name}";
            if (whole)
            {
                pieces.Add(new JsonObject { ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments } });
                continue;
            }
            var half = call.Arguments.Length / 2;
            pieces.Add(new JsonObject { ["index"] = index, ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" } });
            pieces.Add(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = call.Arguments[..half] } });
            pieces.Add(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = call.Arguments[half..] } });
        }
        return pieces;
    }

    private async Task StreamForeverAsync(HttpContext context, string model)
    {
        context.Response.ContentType = "text/event-stream";
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await WriteEventAsync(context.Response, Chunk(model, new JsonObject { ["content"] = EndlessPiece }, null));
                if (EndlessPause > TimeSpan.Zero)
                {
                    await Task.Delay(EndlessPause, context.RequestAborted);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client hung up: what an endless stream waits for.
        }
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static JsonObject Chunk(string model, JsonObject? delta, string? finish) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_715_000_000,
        ["model"] = model,
        ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    };

    private static JsonObject UsageJson((int Prompt, int Completion) usage) => new()
    {
        ["prompt_tokens"] = usage.Prompt,
        ["completion_tokens"] = usage.Completion,
        ["total_tokens"] = usage.Prompt + usage.Completion,
    };

    private static async Task WriteEventAsync(HttpResponse response, JsonObject chunk)
    {
        await response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await response.Body.FlushAsync();
    }

    private static List<string> Split(string text) =>
        [.. Enumerable.Range(0, (text.Length + 3) / 4).Select(i => text.Substring(i * 4, Math.Min(4, text.Length - i * 4)))];
}
