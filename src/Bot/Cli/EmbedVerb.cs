using System.CommandLine;
using System.Text.Json;
using Bot.Embeddings;

namespace Bot.Cli;

/// <summary>
/// <c>embed</c>: JSON strings in, one per line on standard input; one <c>{"model","embedding"}</c> object
/// out per line, the model's own embedding of the text as a document, exactly as sentence-transformers
/// computes it (cut at the model's token limit), so vectors can be compared with another implementation.
/// </summary>
public static class EmbedVerb
{
    public static Command Create()
    {
        var batch = new Option<int>("--batch") { Description = "Texts embedded together", DefaultValueFactory = _ => 32 };
        var command = new Command("embed", "Embed JSON strings read one per line from standard input") { batch };
        command.SetAction((parse, ct) => VerbHost.RunAsync(parse, async (services, _, token) =>
        {
            var model = services.Get<ActiveEmbeddingModel>();
            if (model.Generator is not { } generator)
            {
                return VerbHost.Fail(true, "no embedding model is configured (Bot:Embeddings:Provider is none)", 2);
            }
            var modelId = model.GeneratorModelId!;
            var size = Math.Max(1, parse.GetValue(batch));
            var failed = false;
            var pending = new List<(string? Text, string? Error)>();
            while (true)
            {
                var line = System.Console.In.ReadLine();
                if (line is not null)
                {
                    pending.Add(ParseLine(line));
                }
                if (pending.Count >= size || (line is null && pending.Count > 0))
                {
                    var texts = pending.Where(p => p.Text is not null).Select(p => p.Text!).ToList();
                    var vectors = texts.Count == 0 ? null : await generator.GenerateAsync(texts, cancellationToken: token);
                    var next = 0;
                    foreach (var (_, error) in pending)
                    {
                        // A bad line answers with an error object in its place, so outputs stay aligned with inputs.
                        if (error is not null)
                        {
                            failed = true;
                            System.Console.Out.WriteLine(CliJsonContext.Serialize(new ErrorOutput(error)));
                            continue;
                        }
                        System.Console.Out.WriteLine(CliJsonContext.Serialize(new EmbedOutput(modelId, vectors![next++].Vector.ToArray())));
                    }
                    pending.Clear();
                }
                if (line is null)
                {
                    break;
                }
            }
            return failed ? 1 : 0;
        }, ct));
        return command;
    }

    private static (string? Text, string? Error) ParseLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.String
                ? (document.RootElement.GetString(), null)
                : (null, $"expected a JSON string per line, got {document.RootElement.ValueKind}");
        }
        catch (JsonException exception)
        {
            return (null, $"expected a JSON string per line: {exception.Message}");
        }
    }
}
